using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// A float beyond the 64-bit range (<c>1e400</c>): held as an infinity, so it keeps its JSON type, and written back
/// as the body wrote it, so a report shows <c>1e400</c> rather than <c>"Infinity"</c>.
/// </summary>
public sealed class RawNumber : JValue
{
    /// <summary>A number held as <paramref name="value"/> (an infinity) and written as <paramref name="text"/>.</summary>
    /// <param name="value">The parsed value: positive or negative infinity for a float beyond range.</param>
    /// <param name="text">The number as the body wrote it, such as <c>1e400</c>.</param>
    public RawNumber(double value, string text)
        : base(value)
    {
        Text = text;
    }

    /// <summary>The number as the body wrote it.</summary>
    public string Text { get; }

    /// <summary>Writes <see cref="Text"/> as a raw JSON number, not the infinity it is held as.</summary>
    public override void WriteTo(JsonWriter writer, params JsonConverter[] converters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(Text);
    }
}
