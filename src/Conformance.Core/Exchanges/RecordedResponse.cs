namespace Conformance.Core.Exchanges;

/// <summary>
/// The response half of an exchange. <see cref="HeadersRecorded"/> is false when the recording holds only a body
/// (for example a documentation sample), so header rules cannot be judged. <see cref="BodyProblem"/> says why the
/// body could not be read as text (for example invalid UTF-8, or larger than <see cref="MaxBodyBytes"/>), when it
/// could not.
/// </summary>
/// <param name="Status">The HTTP status; 0 when no usable answer arrived.</param>
/// <param name="StatusText">The reason phrase, possibly empty.</param>
/// <param name="Headers">The response headers, in order.</param>
/// <param name="Body">The body as text, decoded; empty when there was none.</param>
/// <param name="HeadersRecorded">False when the recording holds only a body, so header rules are not judged.</param>
public sealed record RecordedResponse(int Status, string StatusText, HeaderList Headers, string Body, bool HeadersRecorded = true)
{
    /// <summary>
    /// The most of a body the suite judges, live or recorded (8 MiB); a larger body is kept up to this size and
    /// reported through <see cref="BodyProblem"/>.
    /// </summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Why the body could not be read as text, or was cut at <see cref="MaxBodyBytes"/>, when so; null for a readable body.</summary>
    public string? BodyProblem { get; init; }

    /// <summary>
    /// Why the recording holds no body although the response had one, when it does not: a HAR entry with
    /// <c>content.size</c> above 0 and no <c>content.text</c>, or an attached body file (<c>content._file</c>) that
    /// cannot be reached. The groups that read the body are then not judged: the recording, not the cloud, is short.
    /// </summary>
    public string? BodyNotRecorded { get; init; }

    /// <summary>
    /// Why no response arrived (refused, reset, timeout, TLS), when none did; the status is then 0, as HAR writers
    /// record failed requests.
    /// </summary>
    public string? TransportError { get; init; }

    /// <summary>
    /// Why a recording made by another tool holds no answer to this request, when it holds none (status 0, with a
    /// browser's <c>_error</c> such as <c>net::ERR_CONNECTION_RESET</c> when there is one). Unlike
    /// <see cref="TransportError"/>, which the suite records for its own requests, this concerns only image-details
    /// requests: another request of a browser session that got no answer is skipped, not a problem.
    /// </summary>
    public string? NoAnswer { get; init; }
}
