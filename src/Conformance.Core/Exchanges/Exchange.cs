namespace Conformance.Core.Exchanges;

/// <summary>One HTTP request and its response, named by where it came from (recording file and entry index).</summary>
/// <param name="Source">Where it came from: the recording's name, or the live run's.</param>
/// <param name="Index">Its entry's index in the recording, from 0.</param>
/// <param name="Request">The request half.</param>
/// <param name="Response">The response half.</param>
public sealed record Exchange(string Source, int Index, RecordedRequest Request, RecordedResponse Response)
{
    /// <summary>What a probe request expects, when the exchange is a probe.</summary>
    public Probe? Probe { get; init; }

    /// <summary>When the request was sent (HAR <c>startedDateTime</c>), when that is known.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>A stable, readable name such as <c>nova-local/nova-v21-show-active.har#0</c>.</summary>
    public string Name => $"{Source}#{Index}";
}
