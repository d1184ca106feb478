using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>The check groups, each one test per exchange, and which of them apply to a response.</summary>
public static class CheckGroups
{
    public const string StatusCode = "status-code";
    public const string Headers = "headers";
    public const string Fault = "fault";
    public const string Body = "body";
    public const string Identity = "identity";
    public const string Timestamps = "timestamps";
    public const string Links = "links";
    public const string Status = "status";
    public const string Metadata = "metadata";

    /// <summary>The same image through v2 and v2.1 (when a recording holds both).</summary>
    public const string Consistency = "consistency";

    /// <summary>The image against the image service's own record (when a recording holds it).</summary>
    public const string ImageService = "image-service";

    /// <summary>Groups that read the image document; they cannot be judged when the body is not one.</summary>
    public static IReadOnlyList<string> ImageGroups { get; } = [Identity, Timestamps, Links, Status, Metadata];

    /// <summary>Whether a group reads the response body (and so cannot be judged when the body was not recorded).</summary>
    public static bool ReadBody(string group) => group is Body or Fault || ImageGroups.Contains(group);

    public static IReadOnlyList<string> For(RecordedResponse response)
    {
        var groups = new List<string> { StatusCode };
        if (response.HeadersRecorded)
        {
            groups.Add(Headers);
        }

        if (response.Status is >= 200 and < 300)
        {
            groups.Add(Body);
            groups.AddRange(ImageGroups);
        }
        else if (response.Status >= 400)
        {
            groups.Add(Fault);
        }

        return groups;
    }
}
