namespace Conformance.Core.Exchanges;

/// <summary>The Compute API version a request addresses, taken from its URL.</summary>
public enum ApiVersion
{
    V2,
    V21,
}

public static class ApiVersionExtensions
{
    /// <summary>The URL segment of the version: <c>v2</c> or <c>v2.1</c>.</summary>
    public static string Segment(this ApiVersion version) => version == ApiVersion.V2 ? "v2" : "v2.1";
}
