namespace Conformance.Core.Settings;

/// <summary>
/// Every setting the suite reads, as a runsettings parameter and an environment variable, and the other
/// <c>CONFORMANCE_*</c> variables the project's own scripts export. A name outside this list is a mistake (a typo
/// such as <c>CONFORMANCE_RECORDINGS</c>) and stops the run rather than being silently ignored.
/// </summary>
public static class KnownSettings
{
    /// <summary>The prefix of the suite's environment variables.</summary>
    public const string Prefix = "CONFORMANCE_";

    /// <summary>Every setting: its runsettings parameter name and its environment variable.</summary>
    public static readonly IReadOnlyList<(string Parameter, string Environment)> Settings =
    [
        ("Recording", "CONFORMANCE_RECORDING"),
        ("Profile", "CONFORMANCE_PROFILE"),
        ("Baseline", "CONFORMANCE_BASELINE"),
        ("AllureResults", "CONFORMANCE_ALLURE_RESULTS"),
        ("Granularity", "CONFORMANCE_GRANULARITY"),
        ("Shard", "CONFORMANCE_SHARD"),
        ("Mode", "CONFORMANCE_MODE"),
        ("ComputeUrl", "CONFORMANCE_COMPUTE_URL"),
        ("ProjectId", "CONFORMANCE_PROJECT_ID"),
        ("ImageServiceUrl", "CONFORMANCE_IMAGE_SERVICE_URL"),
        ("Interface", "CONFORMANCE_INTERFACE"),
        ("Region", "CONFORMANCE_REGION"),
        ("ImageIds", "CONFORMANCE_IMAGE_IDS"),
        ("ImageLimit", "CONFORMANCE_IMAGE_LIMIT"),
        ("OtherProjectImageId", "CONFORMANCE_OTHER_PROJECT_IMAGE_ID"),
        ("Timeout", "CONFORMANCE_TIMEOUT"),
        ("Concurrency", "CONFORMANCE_CONCURRENCY"),
        ("RateLimit", "CONFORMANCE_RATE_LIMIT"),
        ("Probes", "CONFORMANCE_PROBES"),
        ("RecordTo", "CONFORMANCE_RECORD_TO"),
        ("CaFile", "CONFORMANCE_CA_FILE"),
        ("Versions", "CONFORMANCE_VERSIONS"),
        ("Microversion", "CONFORMANCE_MICROVERSION"),
    ];

    /// <summary>Variables that are not settings of their own but are known: secrets and the local target's scripts.</summary>
    public static readonly IReadOnlyList<string> OtherVariables =
    [
        "CONFORMANCE_TOKEN",
        "CONFORMANCE_OPENSTACK_STATE",
        "CONFORMANCE_OPENSTACK_STATE_CI",
        "CONFORMANCE_PASSWORD",
    ];

    /// <summary>Whether the pair is one of <see cref="Settings"/> (a guard against code reading a name that is not listed).</summary>
    public static bool IsListed(string parameter, string environment) => Settings.Contains((parameter, environment));

    /// <summary>
    /// The problems with the names given: each unknown runsettings parameter and each unknown <c>CONFORMANCE_*</c>
    /// environment variable, with the nearest known name when one is close.
    /// </summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> parameterNames, IEnumerable<string> environmentNames)
    {
        var parameters = Settings.Select(s => s.Parameter).ToList();
        var variables = Settings.Select(s => s.Environment).Concat(OtherVariables).ToList();
        var problems = new List<string>();
        foreach (var name in parameterNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!parameters.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"Runsettings parameter '{name}' is not a setting of this suite{Nearest(name, parameters)}");
            }
        }

        foreach (var name in environmentNames.Where(n => n.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!variables.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"Environment variable {name} is not a setting of this suite{Nearest(name, variables)}");
            }
        }

        return problems;
    }

    private static string Nearest(string name, IReadOnlyList<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(name.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).First();
        var limit = Math.Max(2, best.Name.Length / 3);
        return best.Distance <= limit ? $": did you mean {best.Name}?" : $": known names are {string.Join(", ", known)}";
    }

    /// <summary>Levenshtein distance (insertions, deletions and substitutions).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
