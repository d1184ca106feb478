using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// A float beyond the 64-bit range (<c>1e400</c>): held as an infinity, so it keeps its JSON type, and written back
/// as the body wrote it, so a report shows <c>1e400</c> rather than <c>"Infinity"</c>.
/// </summary>
public sealed class RawNumber : JValue
{
    public RawNumber(double value, string text)
        : base(value)
    {
        Text = text;
    }

    /// <summary>The number as the body wrote it.</summary>
    public string Text { get; }

    public override void WriteTo(JsonWriter writer, params JsonConverter[] converters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(Text);
    }
}
