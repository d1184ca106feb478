using Conformance.Core.Checks;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Baselines;

/// <summary>
/// One accepted deviation: in this recording entry, this rule is known to be broken, for this reason. With a
/// <see cref="Path"/> it accepts only violations at that place (the text a report shows after "Where:";
/// <c>[*]</c> stands for any array index); with a <see cref="Value"/> as well, only where that value was received.
/// Without a path it accepts the rule anywhere in the entry, as baselines always did.
/// </summary>
/// <param name="Recording">The exchange name, relative to the recordings folder (<c>huawei-ecs/a.har#1</c>).</param>
/// <param name="Rule">The rule id that is known to be broken.</param>
/// <param name="Reason">Why the deviation is accepted, for people.</param>
/// <param name="Path">The place it is accepted at, as "Where:" reads; null accepts the rule anywhere in the entry.</param>
/// <param name="Value">The value received there; null accepts any value at the path.</param>
public sealed record KnownDeviation(string Recording, string Rule, string Reason, string? Path = null, JToken? Value = null)
{
    /// <summary>Whether this entry accepts the violation (of an exchange this entry names).</summary>
    public bool Accepts(Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        if (violation.Rule != Rule)
        {
            return false;
        }

        if (Path is null)
        {
            return true;
        }

        // "and N more places" stands for places nobody listed: a path cannot vouch for them.
        return violation.Omitted == 0 && PathMatches(Path, violation.Where) && (Value is null || ValueMatches(Value, violation.Received));
    }

    /// <summary>The longest value (characters of JSON) an entry may name: a violation shows no more of a value.</summary>
    public const int LongestValue = 160;

    /// <summary>How specific the entry is: a value beats a path, a path beats none.</summary>
    public int Precision => Path is null ? 0 : Value is null ? 1 : 2;

    /// <summary>The place the entry names, as a report shows it.</summary>
    public string Place => Path is null ? "anywhere in the entry" : Value is null ? $"at {Path}" : $"at {Path} with value {JudgeContext.Show(Value)}";

    /// <summary>Exact match, where each <c>[*]</c> of the pattern stands for one array index (<c>[0]</c>, <c>[12]</c>).</summary>
    public static bool PathMatches(string pattern, string where)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(where);
        int p = 0, w = 0;
        while (p < pattern.Length)
        {
            if (string.CompareOrdinal(pattern, p, "[*]", 0, 3) == 0)
            {
                if (w >= where.Length || where[w] != '[')
                {
                    return false;
                }

                var digits = w + 1;
                while (digits < where.Length && char.IsAsciiDigit(where[digits]))
                {
                    digits++;
                }

                if (digits == w + 1 || digits >= where.Length || where[digits] != ']')
                {
                    return false;
                }

                p += 3;
                w = digits + 1;
                continue;
            }

            if (w >= where.Length || pattern[p] != where[w])
            {
                return false;
            }

            p++;
            w++;
        }

        return w == where.Length;
    }

    /// <summary>
    /// The value against what the report shows after "Received:": the whole text, or its beginning up to a space,
    /// ';' or ','. The value is written as JSON; a string also matches as its bare text.
    /// </summary>
    public static bool ValueMatches(JToken value, string received)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(received);
        if (value.ToString(Newtonsoft.Json.Formatting.None).Length > LongestValue)
        {
            // A report shows a value's first characters only: a longer one cannot be told from another, so it matches none.
            return false;
        }

        if (Starts(received, JudgeContext.Show(value)))
        {
            return true;
        }

        return value.Type == JTokenType.String && (string?)value is { Length: > 0 } bare && Starts(received, bare);
    }

    private static bool Starts(string received, string text) =>
        received.Length == text.Length
            ? string.Equals(received, text, StringComparison.Ordinal)
            : received.Length > text.Length && received.StartsWith(text, StringComparison.Ordinal) && received[text.Length] is ' ' or ';' or ',';
}
