namespace Conformance.Core.Settings;

/// <summary>
/// Reads <see cref="ConformanceSettings"/> from named parameters (a runsettings file's <c>TestRunParameters</c>) and
/// the environment, which wins. Paths are checked here so that a mistake stops the run at once, naming the setting.
/// </summary>
public sealed class SettingsReader
{
    private readonly Func<string, string?> _parameter;
    private readonly Func<string, string?> _environment;
    private readonly IReadOnlyList<string> _baseDirectories;
    private readonly IEnumerable<string> _parameterNames;
    private readonly IEnumerable<string> _environmentNames;

    /// <param name="parameter">Looks up a runsettings parameter by name.</param>
    /// <param name="environment">Looks up an environment variable.</param>
    /// <param name="baseDirectories">Where relative paths are tried, in order.</param>
    /// <param name="parameterNames">Every runsettings parameter given (an unknown one stops the run).</param>
    /// <param name="environmentNames">Every environment variable set (an unknown <c>CONFORMANCE_*</c> one stops the run).</param>
    public SettingsReader(
        Func<string, string?> parameter,
        Func<string, string?> environment,
        IReadOnlyList<string> baseDirectories,
        IEnumerable<string>? parameterNames = null,
        IEnumerable<string>? environmentNames = null)
    {
        _parameter = parameter;
        _environment = environment;
        _baseDirectories = baseDirectories;
        _parameterNames = parameterNames ?? [];
        _environmentNames = environmentNames ?? [];
    }

    /// <summary>Where relative paths are tried, in order (the first is where the run was started).</summary>
    public IReadOnlyList<string> BaseDirectories => _baseDirectories;

    /// <summary>The run's settings, every path checked.</summary>
    /// <param name="knownProfiles">The profile names a <c>Profile</c> setting may take.</param>
    /// <exception cref="SettingsException">An unknown setting name, or a setting that cannot be used; the message names it.</exception>
    public ConformanceSettings Read(IReadOnlyCollection<string> knownProfiles)
    {
        var unknown = KnownSettings.Unknown(_parameterNames, _environmentNames);
        if (unknown.Count > 0)
        {
            throw new SettingsException(string.Join(Environment.NewLine, unknown));
        }

        var profile = Value("Profile", "CONFORMANCE_PROFILE");
        if (profile.Value is not null && !knownProfiles.Contains(profile.Value))
        {
            throw new SettingsException(
                $"{profile.Source} has the unknown profile '{profile.Value}': expected one of {string.Join(", ", knownProfiles)}");
        }

        var live = ReadMode() == "live";
        var shard = ReadShard();
        if (shard is not null && live)
        {
            throw new SettingsException("Shard (CONFORMANCE_SHARD) splits recordings between runs; it cannot be used in live mode");
        }

        return new ConformanceSettings
        {
            Recording = ExistingPath("Recording", "CONFORMANCE_RECORDING", allowDirectory: true),
            Profile = profile.Value,
            Baseline = ExistingPath("Baseline", "CONFORMANCE_BASELINE", allowDirectory: false),
            AllureResults = Value("AllureResults", "CONFORMANCE_ALLURE_RESULTS").Value,
            ByExchange = ReadGranularity() == "exchange",
            Shard = shard,
            Live = live ? new LiveSettingsReader(this, _environment).Read() : null,
        };
    }

    /// <summary>A setting's value (environment first) and where it came from, for messages.</summary>
    public (string? Value, string Source) Value(string parameter, string environment)
    {
        if (!KnownSettings.IsListed(parameter, environment))
        {
            throw new InvalidOperationException($"The setting {parameter} ({environment}) is read but not listed in {nameof(KnownSettings)}");
        }

        var fromEnvironment = _environment(environment);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment.Trim(), $"Environment variable {environment}");
        }

        var fromParameter = _parameter(parameter);
        return string.IsNullOrWhiteSpace(fromParameter)
            ? (null, $"Setting {parameter}")
            : (fromParameter.Trim(), $"Runsettings parameter {parameter}");
    }

    private string ReadGranularity()
    {
        var (value, source) = Value("Granularity", "CONFORMANCE_GRANULARITY");
        return value?.ToLowerInvariant() switch
        {
            null or "check-group" => "check-group",
            "exchange" => "exchange",
            _ => throw new SettingsException($"{source} has the unknown granularity '{value}': expected check-group or exchange"),
        };
    }

    private Recordings.Shard? ReadShard()
    {
        var (value, source) = Value("Shard", "CONFORMANCE_SHARD");
        if (value is null)
        {
            return null;
        }

        return Recordings.Shard.TryParse(value, out var shard)
            ? shard
            : throw new SettingsException($"{source} has '{value}': expected k/n, the k-th of n parts (1 <= k <= n <= 1000), for example 2/4");
    }

    private string ReadMode()
    {
        var (mode, source) = Value("Mode", "CONFORMANCE_MODE");
        return mode?.ToLowerInvariant() switch
        {
            null or "recorded" => "recorded",
            "live" => "live",
            _ => throw new SettingsException($"{source} has the unknown mode '{mode}': expected recorded or live"),
        };
    }

    private string? ExistingPath(string parameter, string environment, bool allowDirectory)
    {
        var (value, source) = Value(parameter, environment);
        if (value is null)
        {
            return null;
        }

        var candidates = Path.IsPathRooted(value)
            ? [value]
            : _baseDirectories.Select(b => Path.GetFullPath(Path.Combine(b, value))).Distinct().ToList();
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate) || (allowDirectory && Directory.Exists(candidate)))
            {
                return candidate;
            }
        }

        var what = allowDirectory ? "file or folder" : "file";
        var tried = candidates.Count == 1 ? string.Empty : $" (looked in: {string.Join(", ", candidates)})";
        throw new SettingsException($"{source} names '{value}', but no such {what} exists{tried}");
    }
}
