namespace Conformance.Core.Settings;

/// <summary>
/// How the suite authenticates: a ready token, or Keystone v3 password authentication. <see cref="ToString"/>
/// never shows a secret, so a credentials object can be logged or put in a message safely.
/// </summary>
public sealed record Credentials
{
    /// <summary>A ready Keystone token (<c>CONFORMANCE_TOKEN</c>); null for password authentication.</summary>
    public string? Token { get; init; }

    /// <summary>Keystone's root (<c>OS_AUTH_URL</c>); null with a token.</summary>
    public string? AuthUrl { get; init; }

    /// <summary>The user to authenticate as (<c>OS_USERNAME</c>); null with a token.</summary>
    public string? Username { get; init; }

    /// <summary>The user's password (<c>OS_PASSWORD</c>); null with a token. Never shown.</summary>
    public string? Password { get; init; }

    /// <summary>The project to scope the token to, by name (<c>OS_PROJECT_NAME</c>); null when unset.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The project to scope the token to, by id (<c>OS_PROJECT_ID</c>); null when unset.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The user's domain (<c>OS_USER_DOMAIN_NAME</c>), <c>Default</c> unless set.</summary>
    public string UserDomainName { get; init; } = "Default";

    /// <summary>The project's domain (<c>OS_PROJECT_DOMAIN_NAME</c>), <c>Default</c> unless set.</summary>
    public string ProjectDomainName { get; init; } = "Default";

    /// <summary>Where they came from, for messages: "CONFORMANCE_TOKEN", "OS_* variables", "clouds.yaml entry x".</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>True for Keystone password authentication, false for a ready token.</summary>
    public bool UsesPassword => Password is not null;

    /// <summary>How the suite authenticates and from where, never a secret.</summary>
    public override string ToString() =>
        UsesPassword ? $"Keystone password authentication of {Username} at {AuthUrl} ({Source})" : $"a token ({Source})";
}
