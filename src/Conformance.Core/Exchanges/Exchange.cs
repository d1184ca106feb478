namespace Conformance.Core.Exchanges;

/// <summary>One HTTP request and its response, named by where it came from (recording file and entry index).</summary>
public sealed record Exchange(string Source, int Index, RecordedRequest Request, RecordedResponse Response)
{
    /// <summary>What a probe request expects, when the exchange is a probe.</summary>
    public Probe? Probe { get; init; }

    /// <summary>When the request was sent (HAR <c>startedDateTime</c>), when that is known.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>A stable, readable name such as <c>nova-local/nova-v21-show-active.har#0</c>.</summary>
    public string Name => $"{Source}#{Index}";
}
