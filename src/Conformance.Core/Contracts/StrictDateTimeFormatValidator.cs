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
    public string Format => "date-time";

    public ValidationErrorKind ValidationErrorKind => ValidationErrorKind.DateTimeExpected;

    public bool IsValid(string value, JTokenType tokenType) =>
        tokenType == JTokenType.String && Iso8601DateTime.IsValid(value);
}
