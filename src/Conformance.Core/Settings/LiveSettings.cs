using Conformance.Core.Exchanges;

namespace Conformance.Core.Settings;

/// <summary>How to reach and judge a live compute endpoint. Secrets live in <see cref="Credentials"/> only.</summary>
public sealed record LiveSettings
{
    /// <summary>The compute endpoint's root (for example <c>http://127.0.0.1:18774</c>); null = from the catalog.</summary>
    public Uri? ComputeUrl { get; init; }

    /// <summary>The image service's root, for cross-checks; null = from the catalog, or no cross-check.</summary>
    public Uri? ImageServiceUrl { get; init; }

    /// <summary>The catalog interface to take endpoints from: <c>public</c>, <c>internal</c> or <c>admin</c>.</summary>
    public string Interface { get; init; } = "public";

    /// <summary>The catalog region to take endpoints from; null = any region.</summary>
    public string? Region { get; init; }

    /// <summary>null = the project the token is scoped to.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Empty = discover through the image listing, up to <see cref="ImageLimit"/>.</summary>
    public IReadOnlyList<string> ImageIds { get; init; } = [];

    /// <summary>How many images a discovery through the image listing takes at most.</summary>
    public int ImageLimit { get; init; } = 20;

    /// <summary>A private image of another project: the probe <c>other-project-image</c> expects 404, never the image; null = no such probe.</summary>
    public string? OtherProjectImageId { get; init; }

    /// <summary>The API versions each image is requested through.</summary>
    public IReadOnlyList<ApiVersion> Versions { get; init; } = [ApiVersion.V2, ApiVersion.V21];

    /// <summary>The compute microversion sent on v2.1 (2.1 to 2.35; the image proxy ends at 2.36).</summary>
    public string Microversion { get; init; } = "2.1";

    /// <summary>How long one request may take before it counts as a transport error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many requests are in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Requests per second at most, across all concurrent requests.</summary>
    public double RateLimit { get; init; } = 10;

    /// <summary>Whether the run also sends the probes (unknown image, bad token and so on) the profile's document settles.</summary>
    public bool Probes { get; init; } = true;

    /// <summary>
    /// A PEM file of certificate authorities to trust for the target's TLS, besides the system's; null = the system's
    /// only. There is no switch to ignore TLS errors.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>Where the run's HAR goes; null = a temporary file that is removed.</summary>
    public string? RecordTo { get; init; }

    /// <summary>How to authenticate; the only place secrets are kept.</summary>
    public required Credentials Credentials { get; init; }
}
