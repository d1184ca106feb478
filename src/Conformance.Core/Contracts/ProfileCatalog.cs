using Newtonsoft.Json;
using NJsonSchema;

namespace Conformance.Core.Contracts;

/// <summary>
/// Loads the profiles kept as data under <c>schemas/&lt;profile&gt;/</c>. A profile is named by its folder, and the
/// <c>name</c> inside its <c>profile.json</c> must be the same. Every <c>profile.json</c> is checked against
/// <c>schemas/profile.schema.json</c> when the catalog is made, so an unknown key, a wrong type or a name that
/// differs from the folder stops the run, naming the file and the key (see <see cref="ProfileFile"/>).
/// </summary>
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
        var profileSchema = ProfileFile.LoadSchema(schemasDirectory);
        _profiles = Directory.EnumerateDirectories(schemasDirectory)
            .Where(d => File.Exists(Path.Combine(d, ProfileFile.FileName)))
            .Select(d => (Directory: d, Definition: ProfileFile.Read(Path.Combine(d, ProfileFile.FileName), profileSchema)))
            .ToDictionary(p => p.Definition.Name, p => new Lazy<Profile>(() => Load(p.Directory, p.Definition)), StringComparer.Ordinal);
    }

    public string SchemasDirectory { get; }

    public IReadOnlyCollection<string> Names => _profiles.Keys.Order(StringComparer.Ordinal).ToList();

    public bool Contains(string name) => _profiles.ContainsKey(name);

    public Profile Get(string name) =>
        _profiles.TryGetValue(name, out var profile)
            ? profile.Value
            : throw new KeyNotFoundException($"Unknown profile '{name}': expected one of {string.Join(", ", Names)}");

    private static Profile Load(string directory, ProfileDefinition definition)
    {
        var schemaPath = Path.GetFullPath(Path.Combine(directory, definition.Schema));
        if (!File.Exists(schemaPath))
        {
            throw new InvalidDataException($"{Path.Combine(directory, ProfileFile.FileName)}: \"schema\" names {definition.Schema}, which does not exist ({schemaPath})");
        }

        var schema = JsonSchema.FromFileAsync(schemaPath).GetAwaiter().GetResult();
        return new Profile(definition, schema);
    }
}
