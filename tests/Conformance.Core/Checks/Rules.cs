using System.Diagnostics.CodeAnalysis;

namespace Conformance.Core.Checks;

/// <summary>Every rule the suite knows, with its constant title and default severity (see schemas/DERIVATION.md).</summary>
public static class Rules
{
    public sealed record Info(string Title, Severity Severity);

    private static readonly Dictionary<string, Info> All = new(StringComparer.Ordinal)
    {
        ["status-code.documented"] = new("Undocumented HTTP status code", Severity.Failure),
        ["status-code.probe_expected"] = new("Probe answered with an unexpected status", Severity.Failure),

        ["headers.content_type"] = new("Content-Type is not application/json", Severity.Failure),
        ["headers.request_id_present"] = new("Request id header missing", Severity.Failure),
        ["headers.request_id_format"] = new("Request id is not req-<uuid>", Severity.Failure),
        ["headers.request_id_equal"] = new("Request id headers disagree", Severity.Failure),
        ["headers.microversion_present"] = new("Microversion header missing", Severity.Failure),
        ["headers.microversion_matches_request"] = new("Microversion not honoured", Severity.Failure),
        ["headers.microversion_absent_on_v2"] = new("Microversion header on v2", Severity.Failure),
        ["headers.vary"] = new("Vary does not name the microversion headers", Severity.Warning),

        ["fault.json_body"] = new("Error body is not a JSON fault", Severity.Failure),
        ["fault.code_matches_status"] = new("Fault code differs from HTTP status", Severity.Failure),
        ["fault.message"] = new("Fault message missing", Severity.Failure),
        ["fault.name"] = new("Fault name does not match status", Severity.Warning),

        ["body.json"] = new("Body is not JSON", Severity.Failure),
        ["body.envelope"] = new("Body is not an image document", Severity.Failure),
        ["body.required"] = new("Required field missing", Severity.Failure),
        ["body.type"] = new("Wrong JSON type", Severity.Failure),
        ["body.range"] = new("Value out of range", Severity.Failure),
        ["body.schema"] = new("Schema violation", Severity.Failure),
        ["body.unknown_field"] = new("Undocumented field", Severity.Warning),
        ["body.zero_where_positive"] = new("Zero where the document says greater than zero", Severity.Warning),

        ["identity.required"] = new("Required field missing", Severity.Failure),
        ["identity.type"] = new("Wrong JSON type", Severity.Failure),
        ["identity.format"] = new("Image id is not a UUID", Severity.Failure),
        ["identity.matches_request"] = new("Image id differs from the request", Severity.Failure),

        ["timestamps.required"] = new("Required field missing", Severity.Failure),
        ["timestamps.type"] = new("Wrong JSON type", Severity.Failure),
        ["timestamps.format"] = new("Timestamp is not ISO 8601", Severity.Failure),
        ["timestamps.order"] = new("Image updated before it was created", Severity.Failure),

        ["links.required"] = new("Required field missing", Severity.Failure),
        ["links.type"] = new("Malformed link", Severity.Failure),
        ["links.rel"] = new("Link relation not allowed", Severity.Failure),
        ["links.self_present"] = new("Self link missing", Severity.Failure),
        ["links.bookmark_present"] = new("Bookmark link missing", Severity.Failure),
        ["links.href_absolute"] = new("Link href is not an absolute http(s) URL", Severity.Failure),
        ["links.self_version"] = new("Self link names another API version", Severity.Failure),
        ["links.self_target"] = new("Self link names another project or image", Severity.Failure),
        ["links.bookmark_version"] = new("Bookmark link carries a version segment", Severity.Failure),
        ["links.bookmark_target"] = new("Bookmark link names another image", Severity.Failure),
        ["links.order"] = new("Links out of the usual order", Severity.Warning),
        ["links.empty_port"] = new("Link href has an empty port", Severity.Warning),
        ["links.placeholder_host"] = new("Link host is a placeholder", Severity.Warning),
        ["links.alternate_type"] = new("Alternate link without the image media type", Severity.Warning),

        ["status.required"] = new("Required field missing", Severity.Failure),
        ["status.type"] = new("Wrong JSON type", Severity.Failure),
        ["status.range"] = new("Value out of range", Severity.Failure),
        ["status.enum"] = new("Image status not allowed", Severity.Failure),
        ["status.active_progress"] = new("ACTIVE image not at progress 100", Severity.Failure),
        ["status.progress_mapping"] = new("Progress does not match status", Severity.Failure),

        ["metadata.required"] = new("Required field missing", Severity.Failure),
        ["metadata.type"] = new("Metadata is not an object", Severity.Failure),
        ["metadata.disk_config_enum"] = new("Disk config not allowed", Severity.Failure),
        ["metadata.disk_config_agrees"] = new("Disk config disagrees with metadata", Severity.Failure),
        ["metadata.server_shape"] = new("Malformed server reference", Severity.Failure),
        ["metadata.server_matches_instance"] = new("Server reference disagrees with metadata", Severity.Failure),

        ["consistency.versions_agree"] = new("v2 and v2.1 describe the image differently", Severity.Failure),

        ["image-service.name"] = new("Name differs from the image service", Severity.Failure),
        ["image-service.size"] = new("Size differs from the image service", Severity.Failure),
        ["image-service.min_disk"] = new("minDisk differs from the image service", Severity.Failure),
        ["image-service.min_ram"] = new("minRam differs from the image service", Severity.Failure),
        ["image-service.timestamps"] = new("Timestamps differ from the image service", Severity.Failure),
        ["image-service.status"] = new("Status differs from the image service's state", Severity.Failure),
    };

    public static IReadOnlyCollection<string> Ids => All.Keys;

    public static bool TryGet(string rule, [NotNullWhen(true)] out Info? info) => All.TryGetValue(rule, out info);

    public static string GroupOf(string rule)
    {
        var dot = rule.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rule : rule[..dot];
    }
}
