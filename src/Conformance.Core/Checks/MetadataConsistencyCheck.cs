using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Nova derives <c>OS-DCF:diskConfig</c> from <c>metadata.auto_disk_config</c> and <c>server</c> from
/// <c>metadata.instance_uuid</c>; where the profile says so, the body must agree with its own metadata.
/// </summary>
public sealed class MetadataConsistencyCheck : IBodyCheck
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.OrdinalIgnoreCase) { "1", "t", "true", "on", "y", "yes" };

    /// <summary><c>OS-DCF:diskConfig</c> agrees with <c>metadata.auto_disk_config</c>: <c>AUTO</c> when it reads true, <c>MANUAL</c> when false.</summary>
    public static readonly Rule DiskConfigAgrees = new("metadata.disk_config_agrees", "Disk config disagrees with metadata", Severity.Failure, p => p.Definition.DiskConfigAgreesWithMetadata);
    /// <summary><c>server.id</c> agrees with <c>metadata.instance_uuid</c>.</summary>
    public static readonly Rule ServerMatchesInstance = new("metadata.server_matches_instance", "Server reference disagrees with metadata", Severity.Failure, p => p.Definition.ServerAgreesWithMetadata);

    /// <summary>Where the profile builds links from the request (nova), every server link ends in <c>/servers/{server.id}</c>.</summary>
    public static readonly Rule ServerLinks = new("metadata.server_links", "Server link names another server", Severity.Failure, p => p.Definition.LinksNameRequest);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [DiskConfigAgrees, ServerMatchesInstance, ServerLinks];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var found = new List<Violation>();
        if (ServerLinks.AppliesTo(context.Profile))
        {
            ServerLinkTargets(context, found);
        }

        return found.Concat(Agreement(context));
    }

    /// <summary>Each <c>server.links[].href</c> must end in <c>/servers/{server.id}</c>; the first mismatch is reported.</summary>
    private static void ServerLinkTargets(JudgeContext context, List<Violation> found)
    {
        if (context.Image?["server"] is not JObject server || JsonValues.Text(server["id"]) is not { } serverId || server["links"] is not JArray links)
        {
            // A server without a string id or a links array is the schema's finding.
            return;
        }

        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not JObject link || JsonValues.Text(link["href"]) is not { } href || !LinkHref.TryParse(href, out var url) || url is null)
            {
                continue;
            }

            var s = url.Segments;
            if (s.Count < 2 || s[^2] != "servers" || !string.Equals(s[^1], serverId, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new Violation(ServerLinks, $"image.server.links[{i}].href", $"\"{href}\" for server.id {JudgeContext.Show(server["id"]!)} (expected a path ending /servers/{serverId})", context.Profile.Documented(ServerLinks)));
                return;
            }
        }
    }

    private static IEnumerable<Violation> Agreement(JudgeContext context)
    {
        var image = context.Image;
        if (image?["metadata"] is not JObject metadata)
        {
            yield break;
        }

        var profile = context.Profile;
        if (DiskConfigAgrees.AppliesTo(profile))
        {
            var autoDiskConfig = metadata.Property("auto_disk_config", StringComparison.Ordinal);
            var diskConfig = image["OS-DCF:diskConfig"];
            if (diskConfig is not null && (diskConfig.Type != JTokenType.String || (string?)diskConfig is not ("AUTO" or "MANUAL")))
            {
                // A value outside AUTO | MANUAL is the schema's finding (metadata.disk_config_enum).
                diskConfig = null;
                autoDiskConfig = null;
            }

            string? expected = autoDiskConfig is null ? null : ReadsTrue(autoDiskConfig.Value) ? "AUTO" : "MANUAL";
            var actual = diskConfig?.Type == JTokenType.String ? (string?)diskConfig : diskConfig is null ? null : JudgeContext.Show(diskConfig);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                var received = (autoDiskConfig, diskConfig) switch
                {
                    (null, _) => $"OS-DCF:diskConfig {JudgeContext.Show(diskConfig)} without metadata.auto_disk_config",
                    (_, null) => $"no OS-DCF:diskConfig although metadata.auto_disk_config is {JudgeContext.Show(autoDiskConfig.Value)}",
                    _ => $"OS-DCF:diskConfig {JudgeContext.Show(diskConfig)} with metadata.auto_disk_config {JudgeContext.Show(autoDiskConfig.Value)} (expected \"{expected}\")",
                };
                yield return new Violation(DiskConfigAgrees, "image.OS-DCF:diskConfig", received, profile.Documented(DiskConfigAgrees));
            }
        }

        if (ServerMatchesInstance.AppliesTo(profile))
        {
            var instance = metadata["instance_uuid"];
            var server = image["server"];
            var serverId = (server as JObject)?["id"];
            if (instance is null && server is not null)
            {
                yield return new Violation(ServerMatchesInstance, "image.server", $"server {JudgeContext.Show(serverId ?? server)} without metadata.instance_uuid", profile.Documented(ServerMatchesInstance));
            }
            else if (instance is not null && instance.Type != JTokenType.Null && server is null)
            {
                yield return new Violation(ServerMatchesInstance, "image.server", $"no server although metadata.instance_uuid is {JudgeContext.Show(instance)}", profile.Documented(ServerMatchesInstance));
            }
            else if (instance is not null && serverId is not null && !JToken.DeepEquals(instance, serverId))
            {
                yield return new Violation(ServerMatchesInstance, "image.server.id", $"server.id {JudgeContext.Show(serverId)} with metadata.instance_uuid {JudgeContext.Show(instance)}", profile.Documented(ServerMatchesInstance));
            }
        }
    }

    /// <summary>How Nova reads a property as a boolean (oslo's bool_from_string).</summary>
    private static bool ReadsTrue(JToken value) => value.Type switch
    {
        JTokenType.Boolean => (bool)value,
        JTokenType.Integer => JsonValues.TryInt64(value, out var number) && number == 1,
        JTokenType.String => TrueWords.Contains((JsonValues.Text(value) ?? string.Empty).Trim()),
        _ => false,
    };
}
