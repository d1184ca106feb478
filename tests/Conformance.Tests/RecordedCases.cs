using Conformance.Core.Checks;
using Conformance.Core.Settings;

namespace Conformance.Tests;

/// <summary>What a test of the suite reports: the run as a whole, or one check group over every exchange judged.</summary>
public sealed record SuiteCase(string Name, string? Group)
{
    public override string ToString() => Name;
}

/// <summary>
/// The tests of the suite, known without judging anything: discovery reads the settings and nothing else (no
/// recording is read, no file is written, no target is contacted), so listing the tests is cheap and shows the
/// same tree every time. There is one test for the run (files read, problems, what was judged) and one per check
/// group, over every exchange of the run. The judging happens when the first test executes (<see cref="SuiteRun"/>).
/// </summary>
public static class RecordedCases
{
    /// <summary>Every check group the suite reports, in the order a person reads them.</summary>
    public static IReadOnlyList<string> Groups { get; } =
    [
        CheckGroups.StatusCode, CheckGroups.Headers, CheckGroups.Fault, CheckGroups.Body, CheckGroups.Identity,
        CheckGroups.Timestamps, CheckGroups.Links, CheckGroups.Status, CheckGroups.Metadata, CheckGroups.Consistency,
        CheckGroups.ImageService,
    ];

    public const string RunTest = "run";

    public static IEnumerable<TestCaseData> All()
    {
        string? problem = null;
        try
        {
            SuiteContext.ReadSettings();
        }
        catch (SettingsException e)
        {
            problem = e.Message;
        }

        if (problem is not null)
        {
            // It goes with every group too: a run filtered to one group must still stop on its settings.
            var error = new TestCaseData(new SuiteCase("settings error", null)).SetName("settings error");
            foreach (var group in Groups)
            {
                error.SetCategory(group);
            }

            yield return error;
            yield break;
        }

        var run = new TestCaseData(new SuiteCase(RunTest, null)).SetName(RunTest);
        foreach (var group in Groups)
        {
            // The run test goes with every group, so that a run filtered to one group still says what it judged.
            run.SetCategory(group);
        }

        yield return run;
        foreach (var group in Groups)
        {
            yield return new TestCaseData(new SuiteCase(group, group)).SetName(group).SetCategory(group);
        }
    }
}
