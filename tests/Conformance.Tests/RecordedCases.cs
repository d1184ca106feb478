using Conformance.Core.Recordings;
using Conformance.Core.Exchanges;
using Conformance.Core.Live;
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
        var byExchange = false;
        try
        {
            var settings = SuiteContext.ReadSettings();
            byExchange = settings.ByExchange;
            var baseline = SuiteContext.BaselineFor(settings);
            if (settings.Live is { } live)
            {
                items = LiveCases(settings, live, baseline);
            }
            else
            {
                var recordings = settings.Recording ?? SuiteContext.BundledRecordings;
                var allure = StartAllure(settings, recordings, "recorded", settings.Recording ?? "bundled recordings (fixtures/)");
                items = RecordedRun.Judge(recordings, settings.Profile, baseline, SuiteContext.Profiles, judged: allure is null ? null : allure.Judged).ToList();
            }
        }
        catch (SettingsException e)
        {
            items = [new ProblemCase("settings", e.Message, "error")];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // Never a crash of the whole run: the problem becomes one broken test that says what happened.
            items = [new ProblemCase("suite", $"{e.GetType().Name}: {e.Message}", "error")];
        }

        if (byExchange)
        {
            items = ExchangeCase.ByExchange(items).ToList();
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
                case ExchangeCase exchange:
                    foreach (var group in exchange.Groups)
                    {
                        data.SetCategory(group.Group);
                    }

                    data.SetProperty("Profile", exchange.Groups[0].Verdict.Profile).SetProperty("ApiVersion", exchange.Version.ToString());
                    break;
                case SkippedCase skipped:
                    data.Ignore($"{skipped.Reasons.Count} entries are not image-details GETs: {string.Join("; ", skipped.Reasons.Take(50))}{(skipped.Reasons.Count > 50 ? "; ..." : string.Empty)}");
                    break;
            }

            yield return data;
        }
    }

    /// <summary>
    /// Live mode: talk to the target, record every exchange to a HAR (RecordTo, else a temporary file), then judge
    /// that recording exactly as recorded mode would, so replaying it gives the same verdicts.
    /// </summary>
    private static List<RunItem> LiveCases(ConformanceSettings settings, LiveSettings live, Conformance.Core.Baselines.Baseline baseline)
    {
        var keep = live.RecordTo is not null;
        var har = keep ? SuiteContext.OutputPath(live.RecordTo!) : Path.Combine(Path.GetTempPath(), "conformance-live-" + Guid.NewGuid().ToString("N"), "live.har");
        var target = live.ComputeUrl?.ToString() ?? live.Credentials.AuthUrl ?? "catalog";
        var allure = StartAllure(settings, Path.GetFileName(har), "live", target);
        try
        {
            LiveRun.RecordAsync(live, har, TestContext.Progress).GetAwaiter().GetResult();
            return RecordedRun.Judge(har, settings.Profile ?? RecordingSet.DefaultProfile, baseline, SuiteContext.Profiles, judged: allure is null ? null : allure.Judged).ToList();
        }
        catch (LiveTargetException e)
        {
            return [new ProblemCase("target", e.Message, "unreachable")];
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(Path.GetDirectoryName(har)!, recursive: true);
            }
            else
            {
                TestContext.Progress.WriteLine($"recording written to {har}");
            }
        }
    }

    private static AllureSession? StartAllure(ConformanceSettings settings, string recordings, string mode, string target)
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
                ["mode"] = mode,
                ["target"] = target,
                ["profile"] = settings.Profile ?? (settings.Live is null ? "as each recordings folder states" : RecordingSet.DefaultProfile),
                ["versions"] = settings.Live is { } live ? string.Join(", ", live.Versions.Select(v => v.Segment())) : "v2, v2.1 (as recorded)",
                ["microversion"] = settings.Live?.Microversion ?? "as recorded",
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Setting AllureResults (CONFORMANCE_ALLURE_RESULTS): cannot write Allure results to '{directory}': {e.Message}", e);
        }
    }
}
