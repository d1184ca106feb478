using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Core.Contracts;

/// <summary>
/// The strict ISO 8601 date-time both documents show (<c>2013-06-09T06:42:18Z</c>): a full date, the <c>T</c>
/// separator, a time to the second with an optional fraction, and a zone designator (<c>Z</c> or <c>±hh:mm</c>).
/// The date and time must exist on the calendar (no 30 February, no hour 24, no leap second). Digits are ASCII
/// digits only (a fullwidth <c>２</c> is not one).
/// </summary>
public static partial class Iso8601DateTime
{
    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?<f>\.[0-9]{1,9})?(?<z>Z|(?<sign>[+-])(?<zh>[0-9]{2}):(?<zm>[0-9]{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Reads a date-time of the strict form; false for null, any other form, or a date or time the calendar lacks.</summary>
    /// <param name="value">The text of a timestamp field.</param>
    /// <param name="result">The instant, with the offset the text gives, when it reads.</param>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }

        var m = Pattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        int year = Part("y"), month = Part("mo"), day = Part("d"), hour = Part("h"), minute = Part("mi"), second = Part("s");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (m.Groups["sign"].Success)
        {
            int zoneHours = Part("zh"), zoneMinutes = Part("zm");
            if (zoneHours > 23 || zoneMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(zoneHours, zoneMinutes, 0);
            if (m.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }
        }

        var ticks = 0L;
        if (m.Groups["f"].Success)
        {
            var digits = m.Groups["f"].Value[1..].PadRight(7, '0')[..7];
            ticks = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        try
        {
            result = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // The instant falls outside what DateTimeOffset can hold (for example 0001-01-01T00:00:00+01:00).
            return false;
        }
    }

    /// <summary>True when <paramref name="value"/> is a date-time of the strict form (false for null).</summary>
    /// <param name="value">The text of a timestamp field.</param>
    public static bool IsValid(string? value) => TryParse(value, out _);
}
