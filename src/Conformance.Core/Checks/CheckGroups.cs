using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>The check groups, each one test per exchange, and which of them apply to a response.</summary>
public static class CheckGroups
{
    /// <summary>The response code (always judged).</summary>
    public const string StatusCode = "status-code";
    /// <summary>Content-Type, request ids and microversion headers (judged when the headers were recorded).</summary>
    public const string Headers = "headers";
    /// <summary>The JSON fault of an error response (4xx and 5xx).</summary>
    public const string Fault = "fault";
    /// <summary>The body of a success as a whole: JSON, the image envelope, and the schema's rules for fields no other group owns.</summary>
    public const string Body = "body";
    /// <summary>The image's id and the project and image the request named.</summary>
    public const string Identity = "identity";
    /// <summary>The image's <c>created</c> and <c>updated</c> times.</summary>
    public const string Timestamps = "timestamps";
    /// <summary>The image's <c>links</c>: their shape, relations and hrefs.</summary>
    public const string Links = "links";
    /// <summary>The image's <c>status</c> and <c>progress</c>.</summary>
    public const string Status = "status";
    /// <summary>The image's <c>metadata</c> and the fields Nova derives from it (<c>OS-DCF:diskConfig</c>, <c>server</c>).</summary>
    public const string Metadata = "metadata";

    /// <summary>The same image through v2 and v2.1 (when a recording holds both).</summary>
    public const string Consistency = "consistency";

    /// <summary>The image against the image service's own record (when a recording holds it).</summary>
    public const string ImageService = "image-service";

    /// <summary>Groups that read the image document; they cannot be judged when the body is not one.</summary>
    public static IReadOnlyList<string> ImageGroups { get; } = [Identity, Timestamps, Links, Status, Metadata];

    /// <summary>Whether a group reads the response body (and so cannot be judged when the body was not recorded).</summary>
    public static bool ReadBody(string group) => group is Body or Fault || ImageGroups.Contains(group);

    /// <summary>
    /// The per-exchange groups that apply to a response, in report order: the status code always; the headers when they
    /// were recorded; the body and image groups for a 2xx; the fault group from 400 on. A 1xx or 3xx gets the status code
    /// (and headers) only. The cross-exchange groups are not included.
    /// </summary>
    public static IReadOnlyList<string> For(RecordedResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var kind = response.Status is >= 200 and < 300 ? 1 : response.Status >= 400 ? 2 : 0;
        return ForKind[(response.HeadersRecorded ? 3 : 0) + kind];
    }

    // The six lists For gives, made once: without and with headers, each for other, 2xx and 4xx/5xx statuses.
    private static readonly string[][] ForKind =
    [
        [StatusCode],
        [StatusCode, Body, .. ImageGroups],
        [StatusCode, Fault],
        [StatusCode, Headers],
        [StatusCode, Headers, Body, .. ImageGroups],
        [StatusCode, Headers, Fault],
    ];
}
