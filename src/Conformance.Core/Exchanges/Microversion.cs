using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Core.Exchanges;

/// <summary>
/// A compute microversion <c>X.Y</c> as Nova reads it: a major number without leading zeros, a dot, and a minor
/// number without leading zeros (<c>0</c> itself allowed). <c>2.036</c>, <c>2</c>, <c>v2.1</c> and <c>2.1.0</c> are
/// not microversions; Nova answers them 400. Numbers beyond an int compare as the largest one.
/// </summary>
public readonly partial record struct Microversion(int Major, int Minor) : IComparable<Microversion>
{
    [GeneratedRegex(@"^(?<major>[1-9][0-9]*)\.(?<minor>0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    /// <summary>Reads <c>X.Y</c> as Nova does; false (and the default value) for anything else, null included.</summary>
    /// <param name="text">A header's version text, such as <c>2.1</c>.</param>
    /// <param name="version">The microversion when it reads.</param>
    public static bool TryParse(string? text, out Microversion version)
    {
        version = default;
        var m = Grammar().Match(text ?? string.Empty);
        if (!m.Success)
        {
            return false;
        }

        version = new Microversion(Number(m.Groups["major"].Value), Number(m.Groups["minor"].Value));
        return true;
    }

    /// <summary>Numbers too long for an int are still numbers to Nova: they saturate, which keeps every comparison right.</summary>
    private static int Number(string digits) =>
        digits.Length > 9 ? int.MaxValue : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>A version the profile data states (validated by the profile schema's pattern).</summary>
    public static Microversion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a microversion (X.Y)");

    /// <summary>Orders by major, then minor number.</summary>
    /// <param name="other">The microversion to compare with.</param>
    public int CompareTo(Microversion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>True when <paramref name="a"/> is older than <paramref name="b"/>.</summary>
    /// <param name="a">The left microversion.</param>
    /// <param name="b">The right microversion.</param>
    public static bool operator <(Microversion a, Microversion b) => a.CompareTo(b) < 0;

    /// <summary>True when <paramref name="a"/> is newer than <paramref name="b"/>.</summary>
    /// <param name="a">The left microversion.</param>
    /// <param name="b">The right microversion.</param>
    public static bool operator >(Microversion a, Microversion b) => a.CompareTo(b) > 0;

    /// <summary>True when <paramref name="a"/> is older than or the same as <paramref name="b"/>.</summary>
    /// <param name="a">The left microversion.</param>
    /// <param name="b">The right microversion.</param>
    public static bool operator <=(Microversion a, Microversion b) => a.CompareTo(b) <= 0;

    /// <summary>True when <paramref name="a"/> is newer than or the same as <paramref name="b"/>.</summary>
    /// <param name="a">The left microversion.</param>
    /// <param name="b">The right microversion.</param>
    public static bool operator >=(Microversion a, Microversion b) => a.CompareTo(b) >= 0;

    /// <summary>The microversion as <c>X.Y</c>.</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
