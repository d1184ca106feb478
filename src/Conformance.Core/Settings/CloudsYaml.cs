using Conformance.Core.Masking;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Core.Settings;

/// <summary>
/// Reads one cloud of an OpenStack <c>clouds.yaml</c> (the file openstacksdk and the openstack CLI use). The file is
/// checked before the YAML parser sees it: at most <see cref="MaxBytes"/> and nested at most <see cref="MaxDepth"/>
/// levels (a file nested 200,000 deep would overflow the parser's stack and kill the process). Every secret of the
/// cloud's <c>auth</c> section (password, token, application credential secret) is registered with
/// <see cref="Secrets.Register"/>.
/// </summary>
public static class CloudsYaml
{
    /// <summary>A clouds.yaml is a few kilobytes; this is generous.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>A clouds.yaml nests about five levels; this is generous and far below what overflows the parser.</summary>
    public const int MaxDepth = 64;

    /// <summary>What the suite takes from one cloud entry.</summary>
    /// <param name="Credentials">Its <c>auth</c> section's credentials.</param>
    /// <param name="Region">Its <c>region_name</c>; null when it names none.</param>
    /// <param name="Interface">Its <c>interface</c> (public, internal, admin); null when it names none.</param>
    public sealed record Cloud(Credentials Credentials, string? Region, string? Interface);

    /// <summary>Reads the cloud <paramref name="name"/> from the clouds.yaml at <paramref name="path"/>, registering its secrets.</summary>
    /// <param name="path">The clouds.yaml file.</param>
    /// <param name="name">The cloud's key under <c>clouds</c> (<c>OS_CLOUD</c>).</param>
    /// <exception cref="SettingsException">The file is too large, too deep, not YAML, unreadable, or has no such cloud.</exception>
    public static Cloud Read(string path, string name)
    {
        YamlMappingNode root;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > MaxBytes)
            {
                throw new SettingsException($"{path} is {size / (1024 * 1024)} MiB, larger than the {MaxBytes / (1024 * 1024)} MiB a clouds.yaml may be: refused before parsing");
            }

            var text = File.ReadAllText(path);
            if (Depth(text, MaxDepth) is { } deep)
            {
                throw new SettingsException($"{path} is nested more than {MaxDepth} levels deep (line {deep.Line}), far more than a clouds.yaml needs: refused before parsing");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new SettingsException($"{path} is not a clouds.yaml file (no top-level mapping)");
        }
        catch (YamlException e)
        {
            throw new SettingsException($"{path} is not valid YAML: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{path} cannot be read: {e.Message}", e);
        }
        catch (Exception e) when (e is not SettingsException)
        {
            throw new SettingsException($"{path} cannot be read as YAML ({e.GetType().Name}: {e.Message})", e);
        }

        if (Child(root, "clouds") is not YamlMappingNode clouds || Child(clouds, name) is not YamlMappingNode cloud)
        {
            throw new SettingsException($"OS_CLOUD names '{name}', but {path} has no such entry under 'clouds'");
        }

        var auth = Child(cloud, "auth") as YamlMappingNode
            ?? throw new SettingsException($"{path}: cloud '{name}' has no 'auth' section");
        foreach (var (key, value) in auth.Children)
        {
            if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode { Value: { } secret }
                && (k.Contains("password", StringComparison.OrdinalIgnoreCase) || k.Contains("secret", StringComparison.OrdinalIgnoreCase) || k.Contains("token", StringComparison.OrdinalIgnoreCase)))
            {
                Secrets.Register(secret);
            }
        }

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

    /// <summary>
    /// The first line where the text nests deeper than <paramref name="max"/> levels, or null. Block nesting is
    /// counted by indentation and by compact indicators on one line (<c>- - - x</c>, <c>? x</c>), flow nesting by
    /// brackets and braces outside quotes and comments. It over-counts rather than under-counts: a false alarm is
    /// a clear settings error, a miss would be a crash.
    /// </summary>
    public static (int Depth, int Line)? Depth(string text, int max)
    {
        var indents = new Stack<int>();
        var flow = 0;
        var quote = '\0';
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var position = 0;
            while (position < line.Length && line[position] == ' ')
            {
                position++;
            }

            var block = indents.Count;
            if (flow == 0 && quote == '\0')
            {
                if (position >= line.Length || line[position] is '#' or '\r')
                {
                    continue;
                }

                while (indents.Count > 0 && indents.Peek() >= position)
                {
                    indents.Pop();
                }

                indents.Push(position);
                block = indents.Count;
                while (position < line.Length && line[position] is '-' or '?' or ':' && (position + 1 == line.Length || line[position + 1] is ' ' or '\t' or '\r'))
                {
                    block++;
                    position++;
                    while (position < line.Length && line[position] is ' ' or '\t')
                    {
                        position++;
                    }
                }
            }

            if (block > max)
            {
                return (block, lineNumber);
            }

            for (var i = position; i < line.Length; i++)
            {
                var c = line[i];
                var previous = i == 0 ? ' ' : line[i - 1];
                if (quote == '"')
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        quote = '\0';
                    }

                    continue;
                }

                if (quote == '\'')
                {
                    if (c == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                    {
                        i++;
                    }
                    else if (c == '\'')
                    {
                        quote = '\0';
                    }

                    continue;
                }

                if (c == '#' && previous is ' ' or '\t')
                {
                    break;
                }

                switch (c)
                {
                    case '[' or '{':
                        flow++;
                        if (block + flow > max)
                        {
                            return (block + flow, lineNumber);
                        }

                        break;
                    case ']' or '}':
                        flow = Math.Max(0, flow - 1);
                        break;
                    case '"' or '\'' when previous is ' ' or '\t' or '[' or '{' or ',' or ':' || i == position:
                        quote = c;
                        break;
                }
            }
        }

        return null;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
}
