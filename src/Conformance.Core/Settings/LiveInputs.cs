namespace Conformance.Core.Settings;

/// <summary>What a live run's inputs (ids, tokens) must be before they are put into a URL or a header.</summary>
public static class LiveInputs
{
    /// <summary>
    /// Why an id cannot be one path segment of a URL, or null when it can: <c>.</c> and <c>..</c> (also
    /// percent-encoded) are dot segments that every HTTP stack removes, so the URL sent would not be the URL recorded.
    /// </summary>
    public static string? SegmentProblem(string id) => id switch
    {
        "" => "it is empty",
        "." or ".." => "it is a path dot segment, which every HTTP stack removes from a URL, so another URL would be requested",
        _ => null,
    };

    /// <summary>Whether the text holds a character no HTTP header may carry (CR, LF, NUL and the other controls).</summary>
    public static bool HasControlCharacter(string value) => value.Any(c => c < 0x20 || c == 0x7F);
}
