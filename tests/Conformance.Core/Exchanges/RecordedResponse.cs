namespace Conformance.Core.Exchanges;

/// <summary>
/// The response half of an exchange. <see cref="HeadersRecorded"/> is false when the recording holds only a body
/// (for example a documentation sample), so header rules cannot be judged. <see cref="BodyProblem"/> says why the
/// body could not be read as text (for example invalid UTF-8), when it could not.
/// </summary>
public sealed record RecordedResponse(int Status, string StatusText, HeaderList Headers, string Body, bool HeadersRecorded = true)
{
    public string? BodyProblem { get; init; }

    /// <summary>
    /// Why no response arrived (refused, reset, timeout, TLS), when none did; the status is then 0, as HAR writers
    /// record failed requests.
    /// </summary>
    public string? TransportError { get; init; }
}
