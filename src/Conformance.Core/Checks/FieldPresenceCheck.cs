using Newtonsoft.Json.Linq;
namespace Conformance.Core.Checks;

/// <summary>
/// Warnings about fields: fields the profile does not document (vendors add fields), and zeros where the
/// document says "greater than zero" although its own example shows 0.
/// </summary>
public sealed class FieldPresenceCheck : IBodyCheck
{
    /// <summary>The image holds a field the profile's schema does not name (a warning; a failure where the schema closes <c>image</c>).</summary>
    public static readonly Rule UnknownField = new("body.unknown_field", "Undocumented field", Severity.Warning);
    /// <summary>A field the document says is greater than zero holds zero (a warning).</summary>
    public static readonly Rule ZeroWherePositive = new("body.zero_where_positive", "Zero where the document says greater than zero", Severity.Warning, p => p.Definition.ZeroWherePositive.Count > 0);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [UnknownField, ZeroWherePositive];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var image = context.Image;
        if (image is null)
        {
            return [];
        }

        var findings = new FindingsCap();
        if (!context.Profile.ImageFieldsClosed)
        {
            for (var property = (JProperty?)image.First; property is not null; property = (JProperty?)property.Next)
            {
                if (context.Profile.ImageFields.Contains(property.Name))
                {
                    continue;
                }

                if (!findings.Wants("body.unknown_field"))
                {
                    findings.Skip("body.unknown_field");
                    continue;
                }

                findings.Add(new Violation(
                    UnknownField,
                    $"image.{property.Name}",
                    $"\"{property.Name}\": {JudgeContext.Show(property.Value)}",
                    context.Profile.Documented(UnknownField)));
            }
        }

        foreach (var field in context.Profile.Definition.ZeroWherePositive)
        {
            if (JsonValues.TryInt64(image[field], out var value) && value == 0)
            {
                findings.Add(new Violation(ZeroWherePositive, $"image.{field}", "0", context.Profile.Documented(ZeroWherePositive, field)));
            }
        }

        return findings.ToList();
    }
}
