using Conformance.Core.Baselines;
using Conformance.Core.Contracts;
using Conformance.Core.Settings;

namespace Conformance.Tests;

/// <summary>
/// What the whole run shares, read once: the settings (runsettings <c>TestRunParameters</c>, then environment
/// variables, which win), the profiles and the baseline. Bundled data is copied beside the test assembly.
/// </summary>
public static class SuiteContext
{
    private static readonly Lazy<ProfileCatalog> LazyProfiles = new(() => new ProfileCatalog(Path.Combine(AppContext.BaseDirectory, "schemas")));

    public static string BundledRecordings => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string BundledBaseline => Path.Combine(BundledRecordings, "baseline.json");

    public static ProfileCatalog Profiles => LazyProfiles.Value;

    /// <summary>Reads the settings; a setting that cannot be used throws <see cref="SettingsException"/>.</summary>
    public static ConformanceSettings ReadSettings()
    {
        var reader = new SettingsReader(
            name => TestContext.Parameters.Get(name),
            Environment.GetEnvironmentVariable,
            RelativeBases(),
            TestContext.Parameters.Names,
            Environment.GetEnvironmentVariables().Keys.Cast<string>());
        return reader.Read(Profiles.Names);
    }

    /// <summary>The bundled baseline goes with the bundled recordings; a user's recordings get only the baseline they name.</summary>
    public static Baseline BaselineFor(ConformanceSettings settings)
    {
        var path = settings.Baseline ?? (settings.Recording is null && settings.Live is null && File.Exists(BundledBaseline) ? BundledBaseline : null);
        if (path is null)
        {
            return Baseline.Empty;
        }

        try
        {
            return Baseline.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException($"Setting Baseline (CONFORMANCE_BASELINE): {e.Message}", e);
        }
    }

    /// <summary>
    /// Where Allure results go: the AllureResults setting (<c>none</c> turns them off), else
    /// <c>TestResults/allure-results</c> under the repository root (or the current folder outside the repository).
    /// </summary>
    public static string? AllureResultsFor(ConformanceSettings settings) => AllureResultsFor(settings.AllureResults);

    /// <summary>
    /// Where Allure results go, read on its own before the other settings: a run whose settings cannot be used must
    /// still leave a result that says so, never the previous run's results.
    /// </summary>
    public static string? AllureResultsDirectory()
    {
        var value = Environment.GetEnvironmentVariable("CONFORMANCE_ALLURE_RESULTS");
        return AllureResultsFor(string.IsNullOrWhiteSpace(value) ? TestContext.Parameters.Get("AllureResults") : value.Trim());
    }

    /// <summary>Whether Allure results are one per exchange (Granularity = exchange), read before the other settings.</summary>
    public static bool ByExchangeResults()
    {
        var value = Environment.GetEnvironmentVariable("CONFORMANCE_GRANULARITY");
        value = string.IsNullOrWhiteSpace(value) ? TestContext.Parameters.Get("Granularity") : value;
        return string.Equals(value?.Trim(), "exchange", StringComparison.OrdinalIgnoreCase);
    }

    private static string? AllureResultsFor(string? setting)
    {
        setting = string.IsNullOrWhiteSpace(setting) ? null : setting;
        if (string.Equals(setting, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var bases = RelativeBases();
        var root = bases.Count > 1 ? bases[1] : bases[0];
        return setting is null
            ? Path.Combine(root, "TestResults", "allure-results")
            : Path.GetFullPath(Path.IsPathRooted(setting) ? setting : Path.Combine(root, setting));
    }

    /// <summary>An output path (a recording to write): relative paths are taken from the repository root.</summary>
    public static string OutputPath(string path)
    {
        var bases = RelativeBases();
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(bases[^1], path));
    }

    /// <summary>
    /// Relative paths are tried against the folder where <c>dotnet test</c> was typed (the shell's PWD: the test host
    /// itself runs in the test assembly's folder), then the repository root (the folder holding Conformance.sln
    /// above the test assembly).
    /// </summary>
    private static List<string> RelativeBases()
    {
        // The test host runs in the test assembly's folder; the shell's PWD is where the user typed dotnet test.
        var typedIn = Environment.GetEnvironmentVariable("PWD");
        var bases = new List<string> { !string.IsNullOrEmpty(typedIn) && Directory.Exists(typedIn) ? typedIn : Environment.CurrentDirectory };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                bases.Add(dir.FullName);
                break;
            }
        }

        return bases;
    }
}
