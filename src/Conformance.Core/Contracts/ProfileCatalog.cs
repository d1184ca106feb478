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

    /// <summary>
    /// Reads and validates every <c>profile.json</c> under <paramref name="schemasDirectory"/> at once; each profile's
    /// image-details schema is loaded on first <see cref="Get"/>.
    /// </summary>
    /// <param name="schemasDirectory">The <c>schemas</c> folder, holding <c>profile.schema.json</c> and one folder per profile.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has no <c>profile.schema.json</c>.</exception>
    /// <exception cref="InvalidDataException">A <c>profile.json</c> is not valid, naming the file and the key.</exception>
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

    /// <summary>The <c>schemas</c> folder the catalog was read from.</summary>
    public string SchemasDirectory { get; }

    /// <summary>The profiles' names, in ordinal order.</summary>
    public IReadOnlyCollection<string> Names => _profiles.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>True when a profile of this name exists (names compare case-sensitively).</summary>
    /// <param name="name">A profile name such as <c>nova</c>.</param>
    public bool Contains(string name) => _profiles.ContainsKey(name);

    /// <summary>The profile of this name, its schema loaded on first use.</summary>
    /// <param name="name">A profile name such as <c>nova</c>.</param>
    /// <exception cref="KeyNotFoundException">No profile has this name; the message lists those that exist.</exception>
    /// <exception cref="InvalidDataException">The schema file the profile names does not exist.</exception>
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
