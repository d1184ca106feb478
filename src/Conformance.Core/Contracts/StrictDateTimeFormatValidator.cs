using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

namespace Conformance.Core.Contracts;

/// <summary>
/// Replaces NJsonSchema's lenient <c>date-time</c> format (which accepts <c>2015-12-27 02:52:25</c> and times
/// without a zone) with <see cref="Iso8601DateTime"/>.
/// </summary>
public sealed class StrictDateTimeFormatValidator : IFormatValidator
{
    /// <summary>The JSON Schema format this validator replaces: <c>date-time</c>.</summary>
    public string Format => "date-time";

    /// <summary>The error kind a failing value is reported with.</summary>
    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

    /// <summary>True when <paramref name="value"/> is a strict ISO 8601 date-time (see <see cref="Iso8601DateTime"/>).</summary>
    /// <param name="value">The string the schema validates.</param>
    /// <param name="tokenType">Its JSON token type (not consulted).</param>
    public bool IsValid(string value, JTokenType tokenType) =>
        tokenType == JTokenType.String && Iso8601DateTime.IsValid(value);
}
