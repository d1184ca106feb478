using System.Globalization;
using Conformance.Core.Exchanges;
using Conformance.Core.Masking;

namespace Conformance.Core.Settings;

/// <summary>
/// Reads the live-mode settings (runsettings parameters, environment winning) and the credentials, the way
/// OpenStack users already keep them: <c>CONFORMANCE_TOKEN</c>; or <c>OS_AUTH_URL</c>, <c>OS_USERNAME</c>,
/// <c>OS_PASSWORD</c>, <c>OS_PROJECT_NAME</c> and the domain variables; or <c>OS_CLOUD</c> naming a clouds.yaml
/// entry. A missing or contradictory setting throws <see cref="SettingsException"/> naming it. Every secret read
/// (token, password, clouds.yaml secrets) is registered with <see cref="Secrets.Register"/> at once, and no message
/// ever shows one: a URL with a user name and password in it, or with a query string or fragment, is refused with
/// the URL shown without them; a token with a line break or another control character is refused without showing it.
/// </summary>
public sealed partial class LiveSettingsReader
{
    /// <summary>
    /// Where the live recording goes: a new file or a regular file to replace. A link, a folder, a device or a pipe is
    /// refused (the recording is written beside it and renamed over it, which would replace a device such as
    /// /dev/full with a file, or a link with a copy).
    /// </summary>
    private string? RecordTo()
    {
        var (value, source) = _settings.Value("RecordTo", "CONFORMANCE_RECORD_TO");
        if (value is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(_settings.BaseDirectories.Count > 0 ? _settings.BaseDirectories[^1] : Environment.CurrentDirectory, value));
        var kind = Har.HarFileStatus.Stat(full, follow: false).Kind;
        return kind is Har.HarFileKind.Missing or Har.HarFileKind.Regular
            ? value
            : throw new SettingsException($"{source} names '{value}', which is {kind switch
            {
                Har.HarFileKind.Directory => "a folder",
                Har.HarFileKind.Symlink => "a symbolic link",
                Har.HarFileKind.Fifo => "a named pipe",
                Har.HarFileKind.CharacterDevice or Har.HarFileKind.BlockDevice => "a device",
                _ => "not a regular file",
            }}: name a new file, or a regular file to replace");
    }

    private static readonly string[] PasswordVariables = ["OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD"];

    private readonly SettingsReader _settings;
    private readonly Func<string, string?> _environment;

    /// <summary>A reader over <paramref name="settings"/> and the environment.</summary>
    /// <param name="settings">The run's settings reader (parameters, environment, base folders).</param>
    /// <param name="environment">Looks up an environment variable (the <c>OS_*</c> ones included).</param>
    public LiveSettingsReader(SettingsReader settings, Func<string, string?> environment)
    {
        _settings = settings;
        _environment = environment;
    }

    /// <summary>The live settings and credentials, every secret registered for masking.</summary>
    /// <exception cref="SettingsException">A setting is missing, malformed or contradicts another; the message names it.</exception>
    public LiveSettings Read()
    {
        var (credentials, cloud) = ReadCredentials();
        Secrets.Register(credentials.Token);
        Secrets.Register(credentials.Password);
        if (credentials.Token is { } token && LiveInputs.HasControlCharacter(token))
        {
            throw new SettingsException($"The token ({credentials.Source}) holds a line break or another control character, which no HTTP header may carry; it is not shown here: set it again on one line");
        }

        if (credentials.AuthUrl is { } authUrl)
        {
            Url(authUrl, credentials.Source.StartsWith("clouds.yaml", StringComparison.Ordinal) ? $"auth.auth_url of the {credentials.Source}" : "Environment variable OS_AUTH_URL");
        }

        var (computeUrl, computeSource) = _settings.Value("ComputeUrl", "CONFORMANCE_COMPUTE_URL");
        var (projectId, projectSource) = _settings.Value("ProjectId", "CONFORMANCE_PROJECT_ID");
        if (projectId is not null && LiveInputs.SegmentProblem(projectId) is { } projectProblem)
        {
            throw new SettingsException($"{projectSource} is '{projectId}', which cannot be a project id: {projectProblem}");
        }

        var (imageServiceUrl, imageServiceSource) = _settings.Value("ImageServiceUrl", "CONFORMANCE_IMAGE_SERVICE_URL");
        if (credentials.Token is not null && credentials.AuthUrl is null && (computeUrl is null || projectId is null))
        {
            throw new SettingsException(
                "CONFORMANCE_TOKEN is set without OS_AUTH_URL, so the service catalog cannot be read: set ComputeUrl (CONFORMANCE_COMPUTE_URL) and ProjectId (CONFORMANCE_PROJECT_ID) too");
        }

        return new LiveSettings
        {
            Credentials = credentials,
            ComputeUrl = computeUrl is null ? null : Url(computeUrl, computeSource),
            ImageServiceUrl = imageServiceUrl is null ? null : Url(imageServiceUrl, imageServiceSource),
            Interface = Choice("Interface", "CONFORMANCE_INTERFACE", ["public", "internal", "admin"], cloud?.Interface ?? "public"),
            Region = _settings.Value("Region", "CONFORMANCE_REGION").Value ?? _environment("OS_REGION_NAME") ?? cloud?.Region,
            ProjectId = projectId ?? credentials.ProjectId,
            ImageIds = ImageIds(),
            ImageLimit = Number("ImageLimit", "CONFORMANCE_IMAGE_LIMIT", 20, 1, 1000),
            OtherProjectImageId = OtherProjectImageId(),
            Versions = Versions(),
            Microversion = Microversion(),
            Timeout = TimeSpan.FromSeconds(Number("Timeout", "CONFORMANCE_TIMEOUT", 30, 1, 600)),
            Concurrency = Number("Concurrency", "CONFORMANCE_CONCURRENCY", 4, 1, 64),
            RateLimit = Number("RateLimit", "CONFORMANCE_RATE_LIMIT", 10, 1, 1000),
            Probes = Choice("Probes", "CONFORMANCE_PROBES", ["on", "off"], "on") == "on",
            RecordTo = RecordTo(),
            CaFile = CaFile(),
        };
    }

    private (Credentials Credentials, CloudsYaml.Cloud? Cloud) ReadCredentials()
    {
        var token = _environment("CONFORMANCE_TOKEN");
        var passwordSet = PasswordVariables.Where(v => !string.IsNullOrEmpty(_environment(v))).ToList();
        var osCloud = _environment("OS_CLOUD");
        var sources = new List<string>();
        if (!string.IsNullOrEmpty(token))
        {
            sources.Add("CONFORMANCE_TOKEN");
        }

        if (!string.IsNullOrEmpty(_environment("OS_PASSWORD")))
        {
            sources.Add("OS_PASSWORD");
        }

        if (!string.IsNullOrEmpty(osCloud))
        {
            sources.Add("OS_CLOUD");
        }

        if (sources.Count > 1)
        {
            throw new SettingsException($"Contradictory credentials: {string.Join(" and ", sources)} are all set; set only one way to authenticate");
        }

        if (!string.IsNullOrEmpty(token))
        {
            return (new Credentials { Token = token.Trim(), AuthUrl = Env("OS_AUTH_URL"), Source = "CONFORMANCE_TOKEN" }, null);
        }

        if (CloudFromYaml() is { } cloud)
        {
            return (cloud.Credentials, cloud);
        }

        if (passwordSet.Count > 0)
        {
            var missing = PasswordVariables.Concat(["OS_PROJECT_NAME"]).Where(v => string.IsNullOrEmpty(_environment(v)) && !(v == "OS_PROJECT_NAME" && !string.IsNullOrEmpty(_environment("OS_PROJECT_ID")))).ToList();
            if (missing.Count > 0)
            {
                throw new SettingsException($"Keystone password authentication needs {string.Join(", ", missing)} (set: {string.Join(", ", passwordSet)})");
            }

            return (new Credentials
            {
                AuthUrl = Env("OS_AUTH_URL"),
                Username = Env("OS_USERNAME"),
                Password = Env("OS_PASSWORD"),
                ProjectName = Env("OS_PROJECT_NAME"),
                ProjectId = Env("OS_PROJECT_ID"),
                UserDomainName = Env("OS_USER_DOMAIN_NAME") ?? "Default",
                ProjectDomainName = Env("OS_PROJECT_DOMAIN_NAME") ?? "Default",
                Source = "OS_* environment variables",
            }, null);
        }

        throw new SettingsException(
            "Live mode needs credentials: CONFORMANCE_TOKEN, or OS_AUTH_URL with OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME, or OS_CLOUD naming a clouds.yaml entry");
    }

    private CloudsYaml.Cloud? CloudFromYaml()
    {
        var name = _environment("OS_CLOUD");
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var home = _environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        // ./clouds.yaml is the folder where dotnet test was typed (the first of the settings' base folders).
        var typedIn = _settings.BaseDirectories.Count > 0 ? _settings.BaseDirectories[0] : Environment.CurrentDirectory;
        var candidates = new[]
        {
            _environment("OS_CLIENT_CONFIG_FILE"),
            Path.Combine(typedIn, "clouds.yaml"),
            Path.Combine(home, ".config", "openstack", "clouds.yaml"),
            "/etc/openstack/clouds.yaml",
        }.Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).ToList();
        var file = candidates.FirstOrDefault(File.Exists)
            ?? throw new SettingsException($"OS_CLOUD names '{name}', but no clouds.yaml was found (looked in: {string.Join(", ", candidates)})");
        return CloudsYaml.Read(file, name);
    }

    private string? CaFile()
    {
        var (value, source) = _settings.Value("CaFile", "CONFORMANCE_CA_FILE");
        if (value is null)
        {
            return null;
        }

        var path = Path.GetFullPath(value);
        if (!File.Exists(path))
        {
            throw new SettingsException($"{source} names '{value}', but no such file exists");
        }

        try
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0 ? path : throw new SettingsException($"{source} names '{value}', which holds no PEM certificate");
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new SettingsException($"{source} names '{value}', which is not a PEM certificate file: {e.Message}", e);
        }
    }

    private string? Env(string name) => string.IsNullOrWhiteSpace(_environment(name)) ? null : _environment(name)!.Trim();

    /// <summary>An absolute http(s) URL without user information, query or fragment; the message never shows a password or a query.</summary>
    private static Uri Url(string value, string source)
    {
        var shown = Secrets.Mask(Secrets.WithoutUserInfo(value));
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || value.StartsWith('/'))
        {
            throw new SettingsException($"{source} is '{shown}', which is not an absolute http(s) URL");
        }

        if (url.UserInfo.Length > 0)
        {
            // Whatever was there is a secret now, in case anything else echoes it.
            var userInfo = Uri.UnescapeDataString(url.UserInfo);
            Secrets.Register(userInfo);
            Secrets.Register(userInfo.Contains(':', StringComparison.Ordinal) ? userInfo[(userInfo.IndexOf(':', StringComparison.Ordinal) + 1)..] : null);
            Secrets.Register(url.UserInfo);
            throw new SettingsException(
                $"{source} is '{shown}' with a user name and password in it (shown without them): the suite never sends credentials in a URL; remove them and give OS_USERNAME and OS_PASSWORD, a clouds.yaml entry or CONFORMANCE_TOKEN");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || value.Contains('?') || value.Contains('#'))
        {
            throw new SettingsException(
                $"{source} is '{Secrets.Mask(Secrets.WithoutUserInfo(url.GetLeftPart(UriPartial.Path)))}' with a {(url.Query.Length > 0 || value.Contains('?') ? "query string" : "fragment")} (not shown): the suite builds its URLs from the path alone, so a query or fragment would be lost; remove it");
        }

        return url;
    }

    private string? OtherProjectImageId()
    {
        var (value, source) = _settings.Value("OtherProjectImageId", "CONFORMANCE_OTHER_PROJECT_IMAGE_ID");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var id = value.Trim();
        return LiveInputs.SegmentProblem(id) is { } problem
            ? throw new SettingsException($"{source} names the image id '{id}', which cannot be requested: {problem}")
            : id;
    }

    private List<string> ImageIds()
    {
        var (_, source) = _settings.Value("ImageIds", "CONFORMANCE_IMAGE_IDS");
        var ids = List("ImageIds", "CONFORMANCE_IMAGE_IDS");
        foreach (var id in ids)
        {
            if (LiveInputs.SegmentProblem(id) is { } problem)
            {
                throw new SettingsException($"{source} names the image id '{id}', which cannot be requested: {problem}");
            }
        }

        return ids;
    }

    private string Choice(string parameter, string environment, string[] allowed, string fallback)
    {
        var (value, source) = _settings.Value(parameter, environment);
        if (value is null)
        {
            return fallback;
        }

        return allowed.Contains(value.ToLowerInvariant())
            ? value.ToLowerInvariant()
            : throw new SettingsException($"{source} is '{value}': expected one of {string.Join(", ", allowed)}");
    }

    private int Number(string parameter, string environment, int fallback, int min, int max)
    {
        var (value, source) = _settings.Value(parameter, environment);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new SettingsException($"{source} is '{value}': expected a whole number from {min} to {max}");
    }

    private List<string> List(string parameter, string environment)
    {
        var (value, _) = _settings.Value(parameter, environment);
        return value is null ? [] : value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
    }

    private List<ApiVersion> Versions()
    {
        var (value, source) = _settings.Value("Versions", "CONFORMANCE_VERSIONS");
        if (value is null)
        {
            return [ApiVersion.V2, ApiVersion.V21];
        }

        var versions = new List<ApiVersion>();
        foreach (var item in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            versions.Add(item.ToLowerInvariant() switch
            {
                "v2" or "2" => ApiVersion.V2,
                "v2.1" or "2.1" => ApiVersion.V21,
                _ => throw new SettingsException($"{source} names the version '{item}': expected v2 and/or v2.1"),
            });
        }

        return versions.Distinct().ToList();
    }

    private string Microversion()
    {
        var (value, source) = _settings.Value("Microversion", "CONFORMANCE_MICROVERSION");
        if (value is null)
        {
            return "2.1";
        }

        // Nova's own grammar (X.Y without leading zeros, ASCII digits): 2.01 or 2.035 would be answered 400 on every image.
        return Exchanges.Microversion.TryParse(value, out var version) && version >= new Exchanges.Microversion(2, 1) && version <= new Exchanges.Microversion(2, 35)
            ? value
            : throw new SettingsException($"{source} is '{Masking.Secrets.Mask(value.ReplaceLineEndings("\\n"))}': expected a compute microversion from 2.1 to 2.35 written as Nova reads it (2.X, no leading zeros; the image API ends at 2.36)");
    }
}
