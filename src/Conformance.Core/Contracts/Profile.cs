using NJsonSchema;

namespace Conformance.Core.Contracts;

/// <summary>A contract for image details: a JSON Schema plus the profile's codes, header rules and flags.</summary>
public sealed class Profile
{
    /// <summary>A profile made of its <c>profile.json</c> and its image-details schema.</summary>
    /// <param name="definition">The contents of <c>profile.json</c>.</param>
    /// <param name="schema">The image-details JSON Schema the definition names.</param>
    /// <exception cref="ArgumentException">The definition has no name or lists no success code.</exception>
    public Profile(ProfileDefinition definition, JsonSchema schema)
    {
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            throw new ArgumentException("A profile needs a name", nameof(definition));
        }

        if (definition.SuccessCodes.Count == 0)
        {
            throw new ArgumentException($"Profile {definition.Name} lists no success code", nameof(definition));
        }

        Definition = definition;
        Schema = schema;
        var image = schema.ActualProperties.TryGetValue("image", out var imageProperty) ? imageProperty.ActualSchema : null;
        ImageFields = image is null ? new HashSet<string>() : image.ActualProperties.Keys.ToHashSet(StringComparer.Ordinal);
        ImageFieldsClosed = image is { AllowAdditionalProperties: false };
    }

    /// <summary>The profile's facts as <c>profile.json</c> states them.</summary>
    public ProfileDefinition Definition { get; }

    /// <summary>The profile's name (<c>nova</c>, <c>huawei-ecs</c>, <c>rackspace</c>), equal to its folder's.</summary>
    public string Name => Definition.Name;

    /// <summary>The image-details JSON Schema bodies are validated against.</summary>
    public JsonSchema Schema { get; }

    /// <summary>The fields of <c>image</c> the profile's schema names.</summary>
    public IReadOnlySet<string> ImageFields { get; }

    /// <summary>True when the schema forbids fields it does not name (then they fail rather than warn).</summary>
    public bool ImageFieldsClosed { get; }

    /// <summary>The check group that owns a top-level field of <c>image</c> (<c>fieldGroups</c>); body when none does.</summary>
    public string GroupOf(string field) => Definition.FieldGroups.TryGetValue(field, out var group) ? group : Checks.CheckGroups.Body;

    /// <summary>
    /// What the profile's document says for a rule or field, with the document named. There is no generic fallback:
    /// a key without an entry of its own cites only the document's name (the documented-text tests forbid that gap).
    /// </summary>
    public string Documented(string rule, string? field = null)
    {
        var docs = Definition.Documented;
        if (docs.TryGetValue(rule, out var text) || (field is not null && docs.TryGetValue(field, out text)))
        {
            return text;
        }

        return Definition.Document;
    }

    /// <summary>What the profile's document says for a declared rule (by its documented key), with the document named.</summary>
    public string Documented(Checks.Rule rule, string? field = null) =>
        rule.DocumentedKey is { } key ? Documented(key, field) : Definition.Document;

    /// <summary>True when the profile says something of its own for this rule id or field path.</summary>
    public bool Documents(string key) => Definition.Documented.ContainsKey(key);

    /// <summary>The profile's name.</summary>
    public override string ToString() => Name;
}
