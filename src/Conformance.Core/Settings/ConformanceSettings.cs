namespace Conformance.Core.Settings;

/// <summary>
/// The suite's settings, read once: from runsettings <c>TestRunParameters</c>, overridden by environment variables.
/// </summary>
public sealed record ConformanceSettings
{
    /// <summary>A HAR file or a folder of them; null means the bundled recordings.</summary>
    public string? Recording { get; init; }

    /// <summary>A profile that overrides what recording folders state; null means each folder's own.</summary>
    public string? Profile { get; init; }

    /// <summary>A known-deviations file; null means none (or the bundled one with the bundled recordings).</summary>
    public string? Baseline { get; init; }

    /// <summary>Where Allure results go; null means the default.</summary>
    public string? AllureResults { get; init; }

    /// <summary>One test per check group of each exchange (false), or one per exchange with a step per group (true).</summary>
    public bool ByExchange { get; init; }

    /// <summary>The part of the recordings this run judges (Shard = k/n); null means all of them.</summary>
    public Recordings.Shard? Shard { get; init; }

    /// <summary>The live target, when Mode is live; null in recorded mode.</summary>
    public LiveSettings? Live { get; init; }
}
