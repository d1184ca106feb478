namespace Conformance.Core.Exchanges;

/// <summary>The Compute API version a request addresses, taken from its URL.</summary>
public enum ApiVersion
{
    /// <summary>Compute API v2, <c>/v2/{project_id}/...</c>: no microversions.</summary>
    V2,
    /// <summary>Compute API v2.1, <c>/v2.1[/{project_id}]/...</c>: microversions negotiated by header.</summary>
    V21,
}

/// <summary>What an <see cref="ApiVersion"/> looks like in a URL.</summary>
public static class ApiVersionExtensions
{
    /// <summary>The URL segment of the version: <c>v2</c> or <c>v2.1</c>.</summary>
    public static string Segment(this ApiVersion version) => version == ApiVersion.V2 ? "v2" : "v2.1";
}
