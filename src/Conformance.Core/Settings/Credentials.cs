namespace Conformance.Core.Settings;

/// <summary>
/// How the suite authenticates: a ready token, or Keystone v3 password authentication. <see cref="ToString"/>
/// never shows a secret, so a credentials object can be logged or put in a message safely.
/// </summary>
public sealed record Credentials
{
    public string? Token { get; init; }

    public string? AuthUrl { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? ProjectName { get; init; }

    public string? ProjectId { get; init; }

    public string UserDomainName { get; init; } = "Default";

    public string ProjectDomainName { get; init; } = "Default";

    /// <summary>Where they came from, for messages: "CONFORMANCE_TOKEN", "OS_* variables", "clouds.yaml entry x".</summary>
    public string Source { get; init; } = string.Empty;

    public bool UsesPassword => Password is not null;

    public override string ToString() =>
        UsesPassword ? $"Keystone password authentication of {Username} at {AuthUrl} ({Source})" : $"a token ({Source})";
}
