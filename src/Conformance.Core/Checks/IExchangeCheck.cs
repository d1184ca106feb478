namespace Conformance.Core.Checks;

/// <summary>One check. It reports every violation it finds, not just the first.</summary>
public interface IExchangeCheck
{
    /// <summary>
    /// The rules this check can report, declared next to it. <see cref="Rules"/>, the report's steps and the rule
    /// table of schemas/DERIVATION.md are made from them; a check must not report a rule it does not list here.
    /// </summary>
    IReadOnlyList<Rule> Reports => [];

    /// <summary>
    /// Every violation of the exchange in <paramref name="context"/>, in the order found; empty when it conforms or the
    /// check does not apply to it. Must not throw for any body, however malformed.
    /// </summary>
    /// <param name="context">The exchange, its request, the profile and the parsed body.</param>
    IEnumerable<Violation> Check(JudgeContext context);
}

/// <summary>
/// A check whose findings depend on the profile, the request URL, the response status and the body's text alone (not
/// on headers, probes or times). <see cref="ExchangeJudge"/> keeps what such checks found for a body and reuses it
/// for an equal exchange (see <see cref="BodyMemo"/>).
/// </summary>
public interface IBodyCheck : IExchangeCheck
{
}
