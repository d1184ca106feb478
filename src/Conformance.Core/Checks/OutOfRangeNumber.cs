using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// A number in a body that no 64-bit type holds: an integer beyond 64 bits, or a number beyond the range of a
/// 64-bit float (<c>1e400</c>). RFC 8259 (section 6) leaves such numbers to each implementation, and every document
/// the profiles follow types its numbers as 64-bit integers, so the range rules report them.
/// </summary>
/// <param name="Steps">Where it is: property names and array indexes from the root.</param>
/// <param name="Token">The value in the parsed body.</param>
/// <param name="Text">The number as the body wrote it.</param>
/// <param name="IsInteger">An integer (no fraction, no exponent) rather than a float.</param>
public sealed record OutOfRangeNumber(IReadOnlyList<object> Steps, JValue Token, string Text, bool IsInteger)
{
    /// <summary>The location as violations name it: <c>image.metadata.size</c>, <c>image.links[0].x</c>.</summary>
    public string Path
    {
        get
        {
            var text = new StringBuilder();
            foreach (var step in Steps)
            {
                if (step is int index)
                {
                    text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    if (text.Length > 0)
                    {
                        text.Append('.');
                    }

                    text.Append((string)step);
                }
            }

            return text.ToString();
        }
    }

    /// <summary>What a person reads: the number as sent and why no 64-bit type holds it.</summary>
    public string Describe() => IsInteger ? $"{Text} (an integer beyond 64 bits)" : $"{Text} (a number beyond the range of a 64-bit float)";

    /// <summary>The same place in a copy of the body (property lookups and indexes, no scans).</summary>
    public JToken? In(JToken root)
    {
        var token = root;
        foreach (var step in Steps)
        {
            token = step is int index
                ? token is JArray array && index < array.Count ? array[index] : null
                : token is JObject obj ? obj[(string)step] : null;
            if (token is null)
            {
                return null;
            }
        }

        return token;
    }
}
