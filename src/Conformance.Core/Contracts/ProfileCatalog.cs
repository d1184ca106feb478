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

    /// <summary>
    /// JSON Schema reads <c>pattern</c> as an ECMA-262 regular expression, where <c>$</c> is the end of the text; .NET,
    /// which NJsonSchema uses, also lets <c>$</c> match before a final line feed, so <c>"…uuid…\n"</c> would pass a
    /// UUID pattern. In the loaded schema (the files stay standard) a pattern's closing <c>$</c> becomes <c>\z</c>.
    /// </summary>
    internal static void EndAnchorsAtTheEnd(JsonSchema schema, HashSet<JsonSchema> seen)
    {
        foreach (var node in new[] { schema, schema.ActualSchema })
        {
            if (!seen.Add(node))
            {
                continue;
            }

            if (node.Pattern is { } pattern && pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal))
            {
                node.Pattern = pattern[..^1] + "\\z";
            }

            var inner = node.Properties.Values.Cast<JsonSchema>()
                .Concat(node.PatternProperties.Values)
                .Concat(node.Definitions.Values)
                .Concat(node.AnyOf).Concat(node.OneOf).Concat(node.AllOf)
                .Concat(node.Items)
                .Concat(new[] { node.Item, node.AdditionalPropertiesSchema, node.AdditionalItemsSchema, node.Not }.OfType<JsonSchema>());
            foreach (var child in inner.ToList())
            {
                EndAnchorsAtTheEnd(child, seen);
            }
        }
    }

    private static Profile Load(string directory, ProfileDefinition definition)
    {
        var schemaPath = Path.GetFullPath(Path.Combine(directory, definition.Schema));
        if (!File.Exists(schemaPath))
        {
            throw new InvalidDataException($"{Path.Combine(directory, ProfileFile.FileName)}: \"schema\" names {definition.Schema}, which does not exist ({schemaPath})");
        }

        var schema = JsonSchema.FromFileAsync(schemaPath).GetAwaiter().GetResult();
        EndAnchorsAtTheEnd(schema, new HashSet<JsonSchema>());
        return new Profile(definition, schema);
    }
}
