using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation.FormatValidators;

namespace Conformance.Core.Checks;

/// <summary>
/// When a string or integer is valid under a schema that reads nothing else of it, worked out once per schema: an
/// image's <c>id</c> (a pattern), <c>created</c> (a format) and <c>size</c> (bounds) are new in every image, so no memo
/// of values helps them, and NJsonSchema's whole validation of one such value costs more than its rule. The rule
/// restates NJsonSchema 10.7.2's own checks for these schemas (<c>ValidateString</c> and <c>ValidateNumber</c>: the
/// same regular expression with the same options, the same format validators, the same decimal comparisons), and it
/// only ever says "valid": a value it does not find valid is validated by NJsonSchema, so every error still comes
/// from NJsonSchema. A schema with any other keyword that reads a value gets no rule.
/// </summary>
internal sealed class LeafRule
{
    private readonly JsonObjectType _type;
    private readonly Regex? _pattern;
    private readonly int? _minLength;
    private readonly int? _maxLength;
    private readonly IFormatValidator[]? _formats;
    private readonly JsonSchema _schema;

    private LeafRule(JsonSchema schema, IFormatValidator[]? formats)
    {
        _schema = schema;
        _type = schema.Type;
        _pattern = string.IsNullOrEmpty(schema.Pattern) ? null : new Regex(schema.Pattern, RegexOptions.None);
        _minLength = schema.MinLength;
        _maxLength = schema.MaxLength;
        _formats = formats;
    }

    /// <summary>
    /// The rule of <paramref name="schema"/>, or null: a schema of type string alone or integer alone, with none of
    /// <c>anyOf</c>, <c>allOf</c>, <c>oneOf</c>, <c>not</c>, <c>enum</c>, <c>properties</c> or <c>required</c> (which
    /// NJsonSchema also applies to a value that is not an object).
    /// </summary>
    /// <param name="schema">The schema.</param>
    /// <param name="formats">The validator's format checks, by format name, as NJsonSchema groups them.</param>
    public static LeafRule? For(JsonSchema schema, IReadOnlyDictionary<string, IFormatValidator[]> formats)
    {
        if (!ValidValues.ShapeDecides(schema) || schema.Properties.Count != 0 || schema.RequiredProperties.Count != 0
            || schema.Type is not (JsonObjectType.String or JsonObjectType.Integer))
        {
            return null;
        }

        // NJsonSchema checks a format only when a validator for it is registered.
        var found = string.IsNullOrEmpty(schema.Format) ? null : formats.GetValueOrDefault(schema.Format);
        try
        {
            return new LeafRule(schema, found);
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot read: no rule, so that NJsonSchema meets it as it would without one.
            return null;
        }
    }

    /// <summary>True when NJsonSchema finds <paramref name="token"/> valid under the schema; false when it may not.</summary>
    /// <param name="token">A value that is neither an object nor an array.</param>
    public bool Valid(JValue token) => _type == JsonObjectType.String ? StringValid(token) : IntegerValid(token);

    private bool StringValid(JValue token)
    {
        if (token.Type != JTokenType.String || token.Value is not string value)
        {
            return false;
        }

        if ((_pattern is not null && !_pattern.IsMatch(value)) || value.Length < _minLength || value.Length > _maxLength)
        {
            return false;
        }

        if (_formats is null)
        {
            return true;
        }

        foreach (var format in _formats)
        {
            if (format.IsValid(value, JTokenType.String))
            {
                return true;
            }
        }

        return false;
    }

    private bool IntegerValid(JValue token)
    {
        // A 64-bit integer always converts to decimal; larger ones (BigInteger) go to NJsonSchema.
        if (token.Type != JTokenType.Integer || token.Value is not long number)
        {
            return false;
        }

        decimal value = number;
        var schema = _schema;
        return !(schema.Minimum.HasValue && (schema.IsExclusiveMinimum ? value <= schema.Minimum : value < schema.Minimum))
            && !(schema.Maximum.HasValue && (schema.IsExclusiveMaximum ? value >= schema.Maximum : value > schema.Maximum))
            && !(schema.ExclusiveMinimum.HasValue && value <= schema.ExclusiveMinimum)
            && !(schema.ExclusiveMaximum.HasValue && value >= schema.ExclusiveMaximum)
            && !(schema.MultipleOf.HasValue && value % schema.MultipleOf != 0);
    }
}
