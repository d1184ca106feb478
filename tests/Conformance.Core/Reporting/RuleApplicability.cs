using Conformance.Core.Checks;
using Conformance.Core.Contracts;

namespace Conformance.Core.Reporting;

/// <summary>Which rules a profile actually applies, so a report lists one step per check that ran.</summary>
public static class RuleApplicability
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Group, Profile Profile), string[]> Cache = new();

    /// <summary>The rules of a group that a profile applies, in a stable order (computed once per group and profile).</summary>
    public static IReadOnlyList<string> RulesOf(string group, Profile profile) =>
        Cache.GetOrAdd((group, profile), key => [.. Rules.Ids.Where(r => Rules.GroupOf(r) == key.Group && AppliesTo(r, key.Profile)).Order(StringComparer.Ordinal)]);

    public static bool AppliesTo(string rule, Profile profile)
    {
        var p = profile.Definition;
        return rule switch
        {
            "headers.request_id_present" or "headers.request_id_format" => p.RequestIdHeaders.Count > 0,
            "headers.request_id_equal" => p.RequestIdsEqual,
            "headers.microversion_present" or "headers.microversion_matches_request" or "headers.microversion_absent_on_v2" or "headers.vary" => p.MicroversionHeaders,
            "fault.name" => p.FaultNames,
            "status.progress_mapping" => p.ProgressMatchesStatus,
            "metadata.disk_config_agrees" => p.DiskConfigAgreesWithMetadata,
            "metadata.server_matches_instance" => p.ServerAgreesWithMetadata,
            "metadata.disk_config_enum" => profile.ImageFields.Contains("OS-DCF:diskConfig"),
            "metadata.server_shape" => profile.ImageFields.Contains("server"),
            "links.alternate_type" => p.AlternateLinkType,
            _ when rule.StartsWith("image-service.", StringComparison.Ordinal) => p.ImageServiceAgreement,
            "body.zero_where_positive" => p.ZeroWherePositive.Count > 0,
            "body.schema" or "identity.type" or "timestamps.type" => false,
            _ => true,
        };
    }
}
