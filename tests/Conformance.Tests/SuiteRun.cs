using Conformance.Core.Baselines;
using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.Core.Recordings;
using Conformance.Tests.Reporting;

namespace Conformance.Tests;

/// <summary>
/// The run itself, done once, when the first test executes (never while tests are being discovered): Allure results
/// are started, the live target is recorded (live mode), and every exchange is judged as a stream: each verdict goes
/// to the Allure results and into a <see cref="RunTally"/> at once and is then dropped, so memory stays flat whatever
/// the number of exchanges. The tests then report from the tally.
/// </summary>
public sealed class SuiteRun
{
    private static readonly Lazy<SuiteRun> Once = new(() => Execute(), LazyThreadSafetyMode.ExecutionAndPublication);

    private SuiteRun(ConformanceSettings? settings, string? settingsProblem, string judging)
    {
        Settings = settings;
        SettingsProblem = settingsProblem;
        Judging = judging;
    }

    /// <summary>The run, executed on first use.</summary>
    public static SuiteRun Current => Once.Value;

    /// <summary>Whether the run has been executed (so that ending a run that never started writes nothing).</summary>
    public static bool Started => Once.IsValueCreated;

    public ConformanceSettings? Settings { get; }

    /// <summary>Why the settings cannot be used, when they cannot.</summary>
    public string? SettingsProblem { get; }

    /// <summary>What was judged, in words: the recordings (path) or the target (URL), the mode and the profile.</summary>
    public string Judging { get; }

    public RunTally Tally { get; } = new();

    public AllureSession? Allure { get; private set; }

    /// <summary>Where the live recording was written, when it was kept.</summary>
    public string? RecordedTo { get; private set; }

    /// <summary>Ends the run: the Allure results are completed and marked finished.</summary>
    public static void End()
    {
        if (Started)
        {
            Current.Allure?.Finish();
        }
    }

    private static SuiteRun Execute()
    {
        AllureSession? allure = null;
        string? allureProblem = null;
        try
        {
            allure = StartAllure();
        }
        catch (SettingsException e)
        {
            allureProblem = e.Message;
        }

        ConformanceSettings? settings = null;
        string? problem = allureProblem;
        try
        {
            settings = problem is null ? SuiteContext.ReadSettings() : null;
        }
        catch (SettingsException e)
        {
            problem = e.Message;
        }

        if (settings is null)
        {
            var failed = new SuiteRun(null, problem, "nothing (the settings cannot be used)") { Allure = allure };
            allure?.Write(new ProblemCase("settings", problem!, "error"), problem!);
            return failed;
        }

        var target = settings.Live is { } live
            ? Displayable(live)
            : settings.Recording ?? "bundled recordings (fixtures/)";
        var mode = settings.Live is null ? "recorded" : "live";
        var profile = settings.Profile ?? (settings.Live is null ? "as each recordings folder states" : RecordingSet.DefaultProfile);
        var part = settings.Shard is { } shard ? $", part {shard} of the entries" : string.Empty;
        var run = new SuiteRun(settings, null, $"{target} ({mode} mode, profile {profile}{part})") { Allure = allure };
        allure?.Describe(settings.Live is null ? Path.GetFileName((settings.Recording ?? SuiteContext.BundledRecordings).TrimEnd('/')) : "live", new Dictionary<string, string>
        {
            ["mode"] = mode,
            ["target"] = target,
            ["profile"] = profile,
            ["versions"] = settings.Live is { } l ? string.Join(", ", l.Versions.Select(v => v.Segment())) : "v2, v2.1 (as recorded)",
            ["microversion"] = settings.Live?.Microversion ?? "as recorded",
            ["shard"] = settings.Shard?.ToString() ?? "all entries",
        });
        run.Judge(settings);
        return run;
    }

    private static string Displayable(LiveSettings live)
    {
        var url = live.ComputeUrl?.ToString() ?? live.Credentials.AuthUrl ?? "the service catalog";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.UserInfo.Length > 0 || uri.Query.Length > 0)
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty }.Uri.ToString()
            : url;
    }

    private static AllureSession? StartAllure()
    {
        var directory = SuiteContext.AllureResultsDirectory();
        if (directory is null)
        {
            return null;
        }

        try
        {
            return AllureSession.Start(directory, SuiteContext.ByExchangeResults());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Setting AllureResults (CONFORMANCE_ALLURE_RESULTS): cannot write Allure results to '{directory}': {e.Message}", e);
        }
    }

    private void Judge(ConformanceSettings settings)
    {
        try
        {
            var baseline = SuiteContext.BaselineFor(settings);
            if (settings.Live is { } live)
            {
                JudgeLive(settings, live, baseline);
            }
            else
            {
                Consume(RecordedRun.Judge(settings.Recording ?? SuiteContext.BundledRecordings, settings.Profile, baseline, SuiteContext.Profiles, judged: Allure is null ? null : Allure.Judged, shard: settings.Shard));
            }
        }
        catch (SettingsException e)
        {
            Add(new ProblemCase("settings", e.Message, "error"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never a crash of the whole run: what was judged stays, and the problem is reported with it.
            Add(new ProblemCase("suite", $"the run stopped early: {e.GetType().Name}: {e.Message}", "error"));
        }
    }

    /// <summary>
    /// Live mode: talk to the target, record every exchange to a HAR (RecordTo, else a temporary file), then judge
    /// that recording exactly as recorded mode would, so replaying it gives the same verdicts.
    /// </summary>
    private void JudgeLive(ConformanceSettings settings, LiveSettings live, Baseline baseline)
    {
        var keep = live.RecordTo is not null;
        var har = keep ? SuiteContext.OutputPath(live.RecordTo!) : Path.Combine(Path.GetTempPath(), "conformance-live-" + Guid.NewGuid().ToString("N"), "live.har");
        try
        {
            var profile = settings.Profile ?? RecordingSet.DefaultProfile;
            LiveRun.RecordAsync(live, har, TestContext.Progress, SuiteContext.Profiles.Get(profile).Definition).GetAwaiter().GetResult();
            Consume(RecordedRun.Judge(har, profile, baseline, SuiteContext.Profiles, judged: Allure is null ? null : Allure.Judged));
        }
        catch (LiveTargetException e)
        {
            Add(new ProblemCase("target", e.Message, "unreachable"));
        }
        finally
        {
            if (!keep)
            {
                var folder = Path.GetDirectoryName(har)!;
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            else if (File.Exists(har))
            {
                RecordedTo = har;
                TestContext.Progress.WriteLine($"recording written to {har}");
            }
        }
    }

    /// <summary>Takes the run's items as they come: an exchange's groups (consecutive) are written together.</summary>
    private void Consume(IEnumerable<RunItem> items)
    {
        foreach (var item in ExchangeCase.ByExchange(items))
        {
            if (item is ExchangeCase exchange)
            {
                Tally.Add(exchange);
                Allure?.Write(exchange.Groups);
            }
            else
            {
                Add(item);
            }
        }
    }

    private void Add(RunItem item)
    {
        Tally.Add(item);
        switch (item)
        {
            case ProblemCase problem:
                Allure?.Write(problem, problem.Problem);
                break;
            case NothingJudgedCase nothing when Settings?.Shard is null:
                Allure?.Write(nothing, NothingJudgedMessage(nothing.Where));
                break;
            case BaselineCase baseline:
                Allure?.Write(baseline, BaselineCase.Describe(baseline.Unmatched, baseline.NoLongerOccurring));
                break;
        }
    }

    public static string NothingJudgedMessage(string where) =>
        $"No image-details exchange (GET .../v2[.1]/{{project_id}}/images/{{image_id}}) was found in {where}";
}
