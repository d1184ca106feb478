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
        var items = new List<RunItem>();
        var byExchange = false;
        try
        {
            var allure = StartAllure();
            var settings = SuiteContext.ReadSettings();
            byExchange = settings.ByExchange;
            var baseline = SuiteContext.BaselineFor(settings);
            if (settings.Live is { } live)
            {
                items.AddRange(LiveCases(settings, live, baseline, allure));
            }
            else
            {
                var recordings = settings.Recording ?? SuiteContext.BundledRecordings;
                Describe(allure, settings, "recorded", Path.GetFileName(recordings.TrimEnd('/')), settings.Recording ?? "bundled recordings (fixtures/)");
                // Items already made are kept whatever happens next (they are added one at a time).
                foreach (var item in RecordedRun.Judge(recordings, settings.Profile, baseline, SuiteContext.Profiles, judged: allure is null ? null : allure.Judged))
                {
                    items.Add(item);
                }
            }
        }
        catch (SettingsException e)
        {
            items = [new ProblemCase("settings", e.Message, "error")];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a crash of the whole run: the problem becomes one broken test that says what happened, after
            // whatever was judged before it.
            items.Add(new ProblemCase("suite", $"the run stopped early: {e.GetType().Name}: {e.Message}", "error"));
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
    private static List<RunItem> LiveCases(ConformanceSettings settings, LiveSettings live, Conformance.Core.Baselines.Baseline baseline, AllureSession? allure)
    {
        var keep = live.RecordTo is not null;
        var har = keep ? SuiteContext.OutputPath(live.RecordTo!) : Path.Combine(Path.GetTempPath(), "conformance-live-" + Guid.NewGuid().ToString("N"), "live.har");
        var target = live.ComputeUrl?.ToString() ?? live.Credentials.AuthUrl ?? "catalog";
        Describe(allure, settings, "live", Path.GetFileName(har), target);
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

    /// <summary>Starts the run's Allure results (or none, when AllureResults is <c>none</c>), before any other setting is read.</summary>
    private static AllureSession? StartAllure()
    {
        var directory = SuiteContext.AllureResultsDirectory();
        if (directory is null)
        {
            return null;
        }

        try
        {
            return AllureSession.Start(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Setting AllureResults (CONFORMANCE_ALLURE_RESULTS): cannot write Allure results to '{directory}': {e.Message}", e);
        }
    }

    private static void Describe(AllureSession? allure, ConformanceSettings settings, string mode, string label, string target)
    {
        RunSummary.Judging($"{target} ({mode} mode, profile {settings.Profile ?? (settings.Live is null ? "as each recordings folder states" : RecordingSet.DefaultProfile)})");
        allure?.Describe(label, new Dictionary<string, string>
        {
            ["mode"] = mode,
            ["target"] = target,
            ["profile"] = settings.Profile ?? (settings.Live is null ? "as each recordings folder states" : RecordingSet.DefaultProfile),
            ["versions"] = settings.Live is { } live ? string.Join(", ", live.Versions.Select(v => v.Segment())) : "v2, v2.1 (as recorded)",
            ["microversion"] = settings.Live?.Microversion ?? "as recorded",
        });
    }
}
