using System.Text;
using Conformance.Core.Baselines;
using Conformance.Core.Recordings;
using Conformance.Core.Masking;
using Conformance.Reporting;

namespace Conformance.Tests;

/// <summary>
/// Image-details conformance of the exchanges of a run (recorded HAR files, or a live target recorded first).
/// The <c>run</c> test is broken when anything could not be judged (a setting, a file, an entry, the target) and
/// says what was judged; each check-group test fails on a contract violation of that group in any exchange, warns on
/// oddities and known deviations, and names every exchange with findings (the first of them word for word). Every
/// exchange is in the Allure results, one by one.
/// </summary>
[TestFixture]
public sealed class ImageDetailsConformance
{
    [TestCaseSource(typeof(RecordedCases), nameof(RecordedCases.All))]
    public void Recorded(SuiteCase test)
    {
        var run = SuiteRun.Current;
        if (run.SettingsProblem is { } settings)
        {
            throw new CannotJudgeException(settings);
        }

        if (test.Group is null)
        {
            ReportRun(run);
        }
        else
        {
            ReportGroup(run, test.Group);
        }
    }

    private static void ReportRun(SuiteRun run)
    {
        var tally = run.Tally;
        TestContext.Out.WriteLine(Secrets.Mask($"Judged: {run.Judging}; {tally.Exchanges} image-details exchanges"));
        if (tally.SkippedEntries > 0)
        {
            TestContext.Out.WriteLine($"{tally.SkippedEntries} entries of {tally.SkippedFiles} files are not image-details GETs and were not judged:");
            foreach (var skipped in tally.ListedSkipped)
            {
                TestContext.Out.WriteLine("  " + Secrets.Mask(skipped));
            }
        }

        var nothing = tally.NothingJudged && run.Settings?.Shard is null;
        if (tally.NothingJudged && !nothing)
        {
            Assert.Warn($"This part ({run.Settings!.Shard}) of the recordings holds no image-details exchange; the other parts may.");
        }

        if (tally.Problems > 0 || nothing)
        {
            var text = new StringBuilder();
            if (tally.Problems > 0)
            {
                text.AppendLine($"{tally.Problems} thing{(tally.Problems == 1 ? " was" : "s were")} not judged:");
                foreach (var problem in tally.ListedProblemCases)
                {
                    text.AppendLine($"  {problem.Name}: {problem.Problem}");
                }

                if (tally.Problems > tally.ListedProblemCases.Count)
                {
                    text.AppendLine($"  ... and {tally.Problems - tally.ListedProblemCases.Count} more");
                }
            }

            if (nothing)
            {
                text.AppendLine(SuiteRun.NothingJudgedMessage(run.Settings?.Recording ?? run.Judging));
            }

            // Not a verdict on the contract: the test is broken (NUnit's error outcome), never passed.
            throw new CannotJudgeException(text.ToString().TrimEnd());
        }

        if (tally.UnmatchedBaseline.Count > 0 || tally.StaleBaseline.Count > 0)
        {
            Assert.Warn(Secrets.Mask(BaselineCase.Describe(tally.UnmatchedBaseline, tally.StaleBaseline)));
        }
    }

    private static void ReportGroup(SuiteRun run, string group)
    {
        var tally = run.Tally.Group(group);
        if (tally.Judged == 0)
        {
            Assert.Ignore($"No exchange of this run is judged by the {group} check group ({run.Judging}).");
        }

        var text = Secrets.Mask(tally.Describe());
        if (tally.Kind != OutcomeKind.Failed)
        {
            // A failure's message holds the text already; everything else shows it as the test's output.
            TestContext.Out.WriteLine(text);
        }

        switch (tally.Kind)
        {
            case OutcomeKind.Failed:
                // Thrown, not asserted: NUnit then prints the message and its stack once, not once per assertion result.
                throw new AssertionException(text);
            case OutcomeKind.NotJudged:
                Assert.Inconclusive(text);
                break;
            case OutcomeKind.Warning:
                Assert.Warn(text);
                break;
        }

        Assert.That(tally.Failed, Is.Zero, "exchanges with contract violations");
    }
}
