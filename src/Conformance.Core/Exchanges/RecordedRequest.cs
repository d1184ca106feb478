namespace Conformance.Core.Exchanges;

/// <summary>The request half of an exchange.</summary>
public sealed record RecordedRequest(string Method, string Url, HeaderList Headers)
{
    /// <summary>The request body, when there is one (Keystone's token request), as sent (secrets redacted in recordings).</summary>
    public string? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string? BodyType { get; init; }
}
