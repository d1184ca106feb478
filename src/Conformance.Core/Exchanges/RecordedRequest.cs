namespace Conformance.Core.Exchanges;

/// <summary>The request half of an exchange.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The URL as sent.</param>
/// <param name="Headers">The request headers, in order.</param>
public sealed record RecordedRequest(string Method, string Url, HeaderList Headers)
{
    /// <summary>The request body, when there is one (Keystone's token request), as sent (secrets redacted in recordings).</summary>
    public string? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string? BodyType { get; init; }
}
