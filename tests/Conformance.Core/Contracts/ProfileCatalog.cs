using Newtonsoft.Json;
using NJsonSchema;

namespace Conformance.Core.Contracts;

/// <summary>Loads the profiles kept as data under <c>schemas/&lt;profile&gt;/</c>.</summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, Lazy<Profile>> _profiles;

    public ProfileCatalog(string schemasDirectory)
    {
        if (!Directory.Exists(schemasDirectory))
        {
            throw new DirectoryNotFoundException($"The schemas folder '{schemasDirectory}' does not exist");
        }

        SchemasDirectory = schemasDirectory;
        _profiles = Directory.EnumerateDirectories(schemasDirectory)
            .Where(d => File.Exists(Path.Combine(d, "profile.json")))
            .ToDictionary(d => Path.GetFileName(d), d => new Lazy<Profile>(() => Load(d)), StringComparer.Ordinal);
    }

    public string SchemasDirectory { get; }

    public IReadOnlyCollection<string> Names => _profiles.Keys.Order(StringComparer.Ordinal).ToList();

    public bool Contains(string name) => _profiles.ContainsKey(name);

    public Profile Get(string name) =>
        _profiles.TryGetValue(name, out var profile)
            ? profile.Value
            : throw new KeyNotFoundException($"Unknown profile '{name}': expected one of {string.Join(", ", Names)}");

    private static Profile Load(string directory)
    {
        var definitionPath = Path.Combine(directory, "profile.json");
        var definition = JsonConvert.DeserializeObject<ProfileDefinition>(File.ReadAllText(definitionPath))
            ?? throw new InvalidDataException($"{definitionPath} is empty");
        var schemaPath = Path.GetFullPath(Path.Combine(directory, definition.Schema));
        var schema = JsonSchema.FromFileAsync(schemaPath).GetAwaiter().GetResult();
        return new Profile(definition, schema);
    }
}
