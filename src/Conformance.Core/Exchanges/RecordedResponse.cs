namespace Conformance.Core.Exchanges;

/// <summary>
/// The response half of an exchange. <see cref="HeadersRecorded"/> is false when the recording holds only a body
/// (for example a documentation sample), so header rules cannot be judged. <see cref="BodyProblem"/> says why the
/// body could not be read as text (for example invalid UTF-8, or larger than <see cref="MaxBodyBytes"/>), when it
/// could not.
/// </summary>
public sealed record RecordedResponse(int Status, string StatusText, HeaderList Headers, string Body, bool HeadersRecorded = true)
{
    /// <summary>
    /// The most of a body the suite judges, live or recorded (8 MiB); a larger body is kept up to this size and
    /// reported through <see cref="BodyProblem"/>.
    /// </summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public string? BodyProblem { get; init; }

    /// <summary>
    /// Why no response arrived (refused, reset, timeout, TLS), when none did; the status is then 0, as HAR writers
    /// record failed requests.
    /// </summary>
    public string? TransportError { get; init; }
}
