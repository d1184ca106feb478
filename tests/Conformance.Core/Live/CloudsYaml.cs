using Conformance.Core.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Core.Live;

/// <summary>Reads one cloud of an OpenStack <c>clouds.yaml</c> (the file openstacksdk and the openstack CLI use).</summary>
public static class CloudsYaml
{
    public sealed record Cloud(Credentials Credentials, string? Region, string? Interface);

    public static Cloud Read(string path, string name)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }

            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new SettingsException($"{path} is not a clouds.yaml file (no top-level mapping)");
        }
        catch (YamlException e)
        {
            throw new SettingsException($"{path} is not valid YAML: {e.Message}", e);
        }

        if (Child(root, "clouds") is not YamlMappingNode clouds || Child(clouds, name) is not YamlMappingNode cloud)
        {
            throw new SettingsException($"OS_CLOUD names '{name}', but {path} has no such entry under 'clouds'");
        }

        var auth = Child(cloud, "auth") as YamlMappingNode
            ?? throw new SettingsException($"{path}: cloud '{name}' has no 'auth' section");
        string? Get(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
        var token = Get(auth, "token");
        var credentials = new Credentials
        {
            Token = token,
            AuthUrl = Get(auth, "auth_url"),
            Username = token is null ? Get(auth, "username") : null,
            Password = token is null ? Get(auth, "password") : null,
            ProjectName = Get(auth, "project_name"),
            ProjectId = Get(auth, "project_id"),
            UserDomainName = Get(auth, "user_domain_name") ?? Get(auth, "domain_name") ?? "Default",
            ProjectDomainName = Get(auth, "project_domain_name") ?? Get(auth, "domain_name") ?? "Default",
            Source = $"clouds.yaml entry '{name}' ({path})",
        };
        if (credentials.AuthUrl is null || (token is null && (credentials.Username is null || credentials.Password is null)))
        {
            throw new SettingsException($"{path}: cloud '{name}' needs auth.auth_url and either auth.token or auth.username with auth.password");
        }

        return new Cloud(credentials, Get(cloud, "region_name"), Get(cloud, "interface"));
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
}
