namespace Conformance.Core.Contracts;

/// <summary>
/// The strict ISO 8601 date-time both documents show (<c>2013-06-09T06:42:18Z</c>): a full date, the <c>T</c>
/// separator, a time to the second with an optional fraction, and a zone designator (<c>Z</c> or <c>±hh:mm</c>).
/// The date and time must exist on the calendar (no 30 February, no hour 24, no leap second). Digits are ASCII
/// digits only (a fullwidth <c>２</c> is not one).
/// </summary>
public static class Iso8601DateTime
{
    /// <summary>Reads a date-time of the strict form; false for null, any other form, or a date or time the calendar lacks.</summary>
    /// <param name="value">The text of a timestamp field.</param>
    /// <param name="result">The instant, with the offset the text gives, when it reads.</param>
    /// <remarks>
    /// Read position by position (<c>YYYY-MM-DDTHH:MM:SS</c>, an optional <c>.</c> and 1 to 9 digits, then <c>Z</c> or
    /// <c>±HH:MM</c>, then the end of the text: nothing after it, not even a line feed).
    /// </remarks>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        if (value is null || value.Length < 20)
        {
            return false;
        }

        var s = value.AsSpan();
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day)
            || s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':'
            || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var at = 19;
        var ticks = 0L;
        if (s[at] == '.')
        {
            var first = ++at;
            while (at < s.Length && char.IsAsciiDigit(s[at]))
            {
                at++;
            }

            var count = at - first;
            if (count is < 1 or > 9)
            {
                return false;
            }

            // Ticks are tenths of a microsecond: the first seven digits, padded with zeros.
            for (var i = 0; i < 7; i++)
            {
                ticks = (ticks * 10) + (i < count ? s[first + i] - '0' : 0);
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (at < s.Length && s[at] == 'Z')
        {
            at++;
        }
        else if (at < s.Length && s[at] is '+' or '-' && at + 6 <= s.Length
            && Digits(s, at + 1, 2, out var zoneHours) && s[at + 3] == ':' && Digits(s, at + 4, 2, out var zoneMinutes))
        {
            if (zoneHours > 23 || zoneMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(zoneHours, zoneMinutes, 0);
            if (s[at] == '-')
            {
                offset = -offset;
            }

            at += 6;
        }
        else
        {
            return false;
        }

        if (at != s.Length)
        {
            return false;
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

    /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="at"/>; false when any is not one.</summary>
    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int number)
    {
        number = 0;
        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> is a date-time of the strict form (false for null).</summary>
    /// <param name="value">The text of a timestamp field.</param>
    public static bool IsValid(string? value) => TryParse(value, out _);
}
