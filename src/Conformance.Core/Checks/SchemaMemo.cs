using Conformance.Core.Contracts;

namespace Conformance.Core.Checks;

/// <summary>
/// The schema's verdict on bodies already judged. What <see cref="SchemaCheck"/> finds is a function of the body's
/// text and the profile alone (the request and headers play no part), and captured traffic repeats bodies: a client
/// that polls one image gets the same document thousands of times. So a body seen before is not validated again.
/// The memo is exact, not probabilistic: an entry keeps the body's text and is used only for an equal text under the
/// same profile. It is bounded: a fixed number of slots, each holding one body of at most
/// <see cref="MaxBodyChars"/> characters (about 16 MiB in all at most); a new body takes its slot from whatever
/// held it. Safe for concurrent use: a slot is replaced whole, never changed.
/// </summary>
public sealed class SchemaMemo
{
    /// <summary>Bodies longer than this are validated every time (they are rare, and would crowd the memo out).</summary>
    public const int MaxBodyChars = 16 * 1024;

    private const int Slots = 512;

    private readonly Entry?[] _slots = new Entry?[Slots];

    /// <summary>The violations found before for this exact body under this profile, or null.</summary>
    public IReadOnlyList<Violation>? Find(Profile profile, string body)
    {
        if (body.Length > MaxBodyChars)
        {
            return null;
        }

        var entry = Volatile.Read(ref _slots[Slot(body)]);
        return entry is not null && ReferenceEquals(entry.Profile, profile) && string.Equals(entry.Body, body, StringComparison.Ordinal)
            ? entry.Violations
            : null;
    }

    /// <summary>Keeps what the schema found for this body under this profile (bodies over the size limit are not kept).</summary>
    public void Keep(Profile profile, string body, IReadOnlyList<Violation> violations)
    {
        if (body.Length <= MaxBodyChars)
        {
            Volatile.Write(ref _slots[Slot(body)], new Entry(profile, body, violations));
        }
    }

    private static int Slot(string body) => (int)((uint)string.GetHashCode(body, StringComparison.Ordinal) % Slots);

    private sealed record Entry(Profile Profile, string Body, IReadOnlyList<Violation> Violations);
}
