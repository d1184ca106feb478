namespace Conformance.Core.Exchanges;

/// <summary>The request half of an exchange.</summary>
public sealed record RecordedRequest(string Method, string Url, HeaderList Headers);
