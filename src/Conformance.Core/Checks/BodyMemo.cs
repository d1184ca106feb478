using System.Runtime.InteropServices;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>
/// What the body checks (<see cref="IBodyCheck"/>) found for exchanges already judged. Their findings are a function
/// of the profile, the request line, the status and the body's text, and captured traffic repeats them: a client that
/// polls one image gets the same document thousands of times. So such an exchange is neither parsed nor validated
/// again. The memo is exact: an entry keeps the request line and the body's text and is used only when both are
/// equal, under the same profile and status, for a judge with the same list of checks. It is bounded: a fixed number of slots, each holding one exchange with
/// a body of at most <see cref="MaxBodyChars"/> characters (about 16 MiB in all at most); a new exchange takes its
/// slot from whatever held it. Safe for concurrent use: a slot is replaced whole, never changed.
/// </summary>
public sealed class BodyMemo
{
    /// <summary>Bodies longer than this are judged every time (they are rare, and would crowd the memo out).</summary>
    public const int MaxBodyChars = 16 * 1024;

    /// <summary>The slots of a memo made without a count.</summary>
    public const int DefaultSlots = 512;

    private readonly Entry?[] _slots;

    /// <summary>A memo of <paramref name="slots"/> exchanges at most (tests use one slot, so that every exchange meets every other).</summary>
    public BodyMemo(int slots = DefaultSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _slots = new Entry?[slots];
    }

    /// <summary>Whether the exchange may be memoized: its body was read as it came (no problem recorded, not left out) and is short enough.</summary>
    public static bool Holds(Exchange exchange) =>
        exchange.Response.BodyProblem is null && exchange.Response.BodyNotRecorded is null && exchange.Response.Body.Length <= MaxBodyChars;

    /// <summary>What the same body checks found before for an equal exchange under this profile, or null.</summary>
    public Entry? Find(Exchange exchange, Profile profile, IReadOnlyList<IExchangeCheck> checks) => Find(SlotOf(exchange), exchange, profile, checks);

    /// <summary>As <see cref="Find(Exchange, Profile, IReadOnlyList{IExchangeCheck})"/>, in the slot <see cref="SlotOf"/> gave for the exchange.</summary>
    /// <param name="slot">The exchange's slot.</param>
    /// <param name="exchange">The exchange.</param>
    /// <param name="profile">The profile it is judged under.</param>
    /// <param name="checks">The judge's checks.</param>
    public Entry? Find(int slot, Exchange exchange, Profile profile, IReadOnlyList<IExchangeCheck> checks)
    {
        var entry = Volatile.Read(ref _slots[slot]);
        return entry is not null
            && ReferenceEquals(entry.Profile, profile)
            && ReferenceEquals(entry.Checks, checks)
            && entry.Status == exchange.Response.Status
            && string.Equals(entry.Url, exchange.Request.Url, StringComparison.Ordinal)
            && string.Equals(entry.Method, exchange.Request.Method, StringComparison.Ordinal)
            && string.Equals(entry.Body, exchange.Response.Body, StringComparison.Ordinal)
                ? entry
                : null;
    }

    /// <summary>Keeps what the body checks found for the exchange (see <see cref="Holds"/>), one list per body check in order.</summary>
    public void Keep(Exchange exchange, Profile profile, IReadOnlyList<IExchangeCheck> checks, IReadOnlyList<IReadOnlyList<Violation>> findings, bool noImage) =>
        Keep(SlotOf(exchange), exchange, profile, checks, findings, noImage);

    /// <summary>As <see cref="Keep(Exchange, Profile, IReadOnlyList{IExchangeCheck}, IReadOnlyList{IReadOnlyList{Violation}}, bool)"/>, in the slot <see cref="SlotOf"/> gave for the exchange.</summary>
    /// <param name="slot">The exchange's slot.</param>
    /// <param name="exchange">The exchange.</param>
    /// <param name="profile">The profile it is judged under.</param>
    /// <param name="checks">The judge's checks.</param>
    /// <param name="findings">What each body check found, in order.</param>
    /// <param name="noImage">Whether the body held no image document.</param>
    public void Keep(int slot, Exchange exchange, Profile profile, IReadOnlyList<IExchangeCheck> checks, IReadOnlyList<IReadOnlyList<Violation>> findings, bool noImage) =>
        Volatile.Write(
            ref _slots[slot],
            new Entry(profile, checks, exchange.Request.Method, exchange.Request.Url, exchange.Response.Status, exchange.Response.Body, findings, noImage));

    /// <summary>The slot an exchange's entry goes in (computed from its body and URL, so compute it once per exchange).</summary>
    /// <param name="exchange">The exchange.</param>
    public int SlotOf(Exchange exchange)
    {
        // HashCode's byte hash (xxHash32) rather than the strings' own (Marvin): about twice as fast on a 2 KiB body.
        // It only picks a slot, whose entry is used after an exact comparison, so bodies made to collide only share one.
        var hash = default(HashCode);
        hash.AddBytes(MemoryMarshal.AsBytes(exchange.Response.Body.AsSpan()));
        hash.AddBytes(MemoryMarshal.AsBytes(exchange.Request.Url.AsSpan()));
        return (int)((uint)hash.ToHashCode() % (uint)_slots.Length);
    }

    /// <summary>One memoized exchange: its key and what each body check found, and whether the body held no image document.</summary>
    public sealed record Entry(
        Profile Profile,
        IReadOnlyList<IExchangeCheck> Checks,
        string Method,
        string Url,
        int Status,
        string Body,
        IReadOnlyList<IReadOnlyList<Violation>> Findings,
        bool NoImage);
}
