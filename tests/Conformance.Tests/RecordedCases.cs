using Conformance.Core.Recordings;
using Conformance.Core.Settings;
using Conformance.Tests.Reporting;

namespace Conformance.Tests;

/// <summary>
/// The test cases of a recorded run: one per check group of every image-details exchange, named
/// <c>{recording}#{entry} {version} {group}</c>, plus one per problem and per file's skipped entries.
/// </summary>
public static class RecordedCases
{
    public static IEnumerable<TestCaseData> All()
    {
        IReadOnlyList<RunItem> items;
        try
        {
            var settings = SuiteContext.ReadSettings();
            var baseline = SuiteContext.BaselineFor(settings);
            var recordings = settings.Recording ?? SuiteContext.BundledRecordings;
            var allure = StartAllure(settings, recordings);
            items = RecordedRun.Judge(recordings, settings.Profile, baseline, SuiteContext.Profiles, judged: allure is null ? null : allure.Judged).ToList();
        }
        catch (SettingsException e)
        {
            items = [new ProblemCase("settings", e.Message, "error")];
        }

        RunSummary.Record(items);
        foreach (var item in items)
        {
            var data = new TestCaseData(item).SetName(item.Name);
            switch (item)
            {
                case GroupCase group:
                    data.SetCategory(group.Group).SetProperty("Profile", group.Verdict.Profile).SetProperty("ApiVersion", group.Version.ToString());
                    break;
                case SkippedCase skipped:
                    data.Ignore($"{skipped.Reasons.Count} entries are not image-details GETs: {string.Join("; ", skipped.Reasons.Take(50))}{(skipped.Reasons.Count > 50 ? "; ..." : string.Empty)}");
                    break;
            }

            yield return data;
        }
    }

    private static AllureSession? StartAllure(ConformanceSettings settings, string recordings)
    {
        var directory = SuiteContext.AllureResultsFor(settings);
        if (directory is null)
        {
            return null;
        }

        try
        {
            return AllureSession.Start(directory, Path.GetFileName(recordings.TrimEnd('/')), new Dictionary<string, string>
            {
                ["mode"] = "recorded",
                ["target"] = settings.Recording ?? "bundled recordings (fixtures/)",
                ["profile"] = settings.Profile ?? "as each recordings folder states",
                ["versions"] = "v2, v2.1 (as recorded)",
                ["microversion"] = "as recorded",
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Setting AllureResults (CONFORMANCE_ALLURE_RESULTS): cannot write Allure results to '{directory}': {e.Message}", e);
        }
    }
}
