using Conformance.Core.Checks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Contracts;

/// <summary>
/// Reads one <c>profile.json</c>: strict JSON, checked against <c>schemas/profile.schema.json</c> (unknown keys and
/// wrong types are refused, a near-miss key is answered with the nearest known one), its <c>name</c> equal to its
/// folder's name, then read into a <see cref="ProfileDefinition"/>.
/// </summary>
public static class ProfileFile
{
    /// <summary>The file name of a profile's definition in its folder.</summary>
    public const string FileName = "profile.json";

    /// <summary>The file name, in the schemas folder, of the JSON Schema every <c>profile.json</c> is checked against.</summary>
    public const string SchemaFileName = "profile.schema.json";

    /// <summary>Loads <c>profile.schema.json</c> from <paramref name="schemasDirectory"/>.</summary>
    /// <param name="schemasDirectory">The <c>schemas</c> folder.</param>
    /// <exception cref="FileNotFoundException">The schema file does not exist.</exception>
    public static JsonSchema LoadSchema(string schemasDirectory)
    {
        var path = Path.Combine(schemasDirectory, SchemaFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The profile schema {path} does not exist: every profile.json is checked against it", path);
        }

        var schema = JsonSchema.FromFileAsync(path).GetAwaiter().GetResult();
        ProfileCatalog.EndAnchorsAtTheEnd(schema, []);
        return schema;
    }

    /// <summary>The definition in <paramref name="path"/>, or an <see cref="InvalidDataException"/> naming the file and every wrong key.</summary>
    public static ProfileDefinition Read(string path, JsonSchema schema)
    {
        var parsed = StrictJson.Parse(File.ReadAllText(path));
        if (parsed.Value is not JObject root)
        {
            throw new InvalidDataException($"{path}: {parsed.Problem ?? "not a JSON object"}");
        }

        var problems = new JsonSchemaValidator().Validate(root, schema).SelectMany(Flatten).Select(Describe).Distinct(StringComparer.Ordinal).ToList();
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        if (root["name"] is JValue { Type: JTokenType.String } name && (string?)name != folder)
        {
            problems.Add($"\"name\" is \"{(string?)name}\" but the folder is \"{folder}\": a profile is named by its folder, so the two must be equal");
        }

        if (root["imageServiceAgreement"] is JValue { Type: JTokenType.Boolean } agreement && (bool)agreement
            && root["imageServiceStates"] is JObject states && states["*"] is null)
        {
            problems.Add("\"imageServiceStates\" needs a \"*\" entry (the state of an image-service status it does not list) when \"imageServiceAgreement\" is true");
        }

        if (root["documented"] is JObject documented && documented["*"] is not null)
        {
            problems.Add("\"documented\" has a \"*\" entry: there is no generic fallback, each rule or field cites the profile's document in an entry of its own");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path} is not a valid profile (schemas/{SchemaFileName}):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }

        return root.ToObject<ProfileDefinition>(JsonSerializer.Create(new JsonSerializerSettings { MissingMemberHandling = MissingMemberHandling.Error }))
            ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary>The known key nearest to <paramref name="key"/> by edit distance, when it is near enough to be a slip.</summary>
    public static string? Nearest(string key, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k.ToLowerInvariant()))).OrderBy(k => k.Distance).ThenBy(k => k.Key, StringComparer.Ordinal).FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Key : null;
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0 ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten) : [error];

    private static string Describe(ValidationError error)
    {
        var path = Key(error.Path);
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
            {
                var known = error.Schema?.ActualProperties.Keys.ToList() ?? [];
                var parent = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] : null;
                var key = error.Property ?? path;
                var nearest = Nearest(key, known);
                return $"unknown key \"{key}\"{(parent is null ? string.Empty : $" in \"{parent}\"")}"
                    + (nearest is not null ? $" (did you mean \"{nearest}\"?)" : known.Count > 0 ? $" (known keys: {string.Join(", ", known)})" : string.Empty);
            }

            case ValidationErrorKind.PropertyRequired:
                return $"missing key \"{(path.Length == 0 ? error.Property : path)}\"";
            case ValidationErrorKind.NotInEnumeration:
                return $"\"{path}\" must be one of {string.Join(", ", error.Schema?.Enumeration.Select(e => $"\"{e}\"") ?? [])}";
        }

        var expected = error.Kind switch
        {
            ValidationErrorKind.BooleanExpected => "a boolean (true or false)",
            ValidationErrorKind.IntegerExpected => "an integer",
            ValidationErrorKind.NumberExpected => "a number",
            ValidationErrorKind.StringExpected => "a string",
            ValidationErrorKind.ArrayExpected => "an array",
            ValidationErrorKind.ObjectExpected => "an object",
            _ => null,
        };
        return expected is not null
            ? $"\"{path}\" must be {expected}"
            : $"\"{path}\": {error.Kind}";
    }

    /// <summary>A schema error's path as a key people can find in the file: <c>#/progressByStatus.SAVING[0]</c> becomes <c>progressByStatus.SAVING[0]</c>.</summary>
    private static string Key(string? path)
    {
        var key = path ?? string.Empty;
        key = key.StartsWith("#/", StringComparison.Ordinal) ? key[2..] : key.TrimStart('#');
        return key;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
