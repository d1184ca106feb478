using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>
/// Runs every check on an exchange and returns its violations, grouped into the verdict: all of them, up to
/// <see cref="FindingsCap.PerRule"/> per rule, then one saying how many more.
/// </summary>
public sealed class ExchangeJudge
{
    /// <summary>Every check, in the order a report lists their groups; <see cref="Rules"/> is made from their declarations.</summary>
    public static IReadOnlyList<IExchangeCheck> DefaultChecks { get; } =
    [
        new StatusCodeCheck(),
        new HeadersCheck(),
        new FaultCheck(),
        new SchemaCheck(),
        new FieldPresenceCheck(),
        new IdentityCheck(),
        new TimestampOrderCheck(),
        new LinksCheck(),
        new StatusProgressCheck(),
        new MetadataConsistencyCheck(),
    ];

    private readonly IReadOnlyList<IExchangeCheck> _checks;
    private readonly BodyMemo _memo;

    /// <summary>A judge that runs <paramref name="checks"/>, or <see cref="DefaultChecks"/> when null.</summary>
    /// <param name="checks">The checks to run, in order; null for <see cref="DefaultChecks"/>.</param>
    /// <param name="memo">Where the body checks' findings are kept for equal exchanges; null for a memo of this judge's own.</param>
    public ExchangeJudge(IReadOnlyList<IExchangeCheck>? checks = null, BodyMemo? memo = null)
    {
        _checks = checks ?? DefaultChecks;
        _memo = memo ?? new BodyMemo();
    }

    /// <summary>
    /// Judges one image-details exchange under a profile. The verdict lists the groups that apply to the response; a group
    /// that reads the body is not judged (and its violations dropped) when the body was not recorded, and the image groups
    /// are not judged when the body is not an image document. Never throws for a malformed body.
    /// </summary>
    /// <param name="exchange">The recorded or live exchange.</param>
    /// <param name="request">The request parsed from the exchange's URL.</param>
    /// <param name="profile">The profile whose documents the exchange is judged against.</param>
    public Verdict Judge(Exchange exchange, ImageDetailsRequest request, Profile profile)
    {
        var context = new JudgeContext(exchange, request, profile);
        var findings = new FindingsCap();

        // The body checks' findings for an equal exchange judged before are reused: the body is then not even parsed.
        var memoizable = BodyMemo.Holds(exchange);
        var slot = memoizable ? _memo.SlotOf(exchange) : 0;
        var memoized = memoizable ? _memo.Find(slot, exchange, profile, _checks) : null;
        var bodyFindings = memoizable && memoized is null ? new List<IReadOnlyList<Violation>>() : null;
        var bodyCheck = 0;
        for (var i = 0; i < _checks.Count; i++)
        {
            var check = _checks[i];
            if (check is not IBodyCheck)
            {
                findings.AddRange(check.Check(context));
            }
            else if (memoized is not null)
            {
                findings.AddRange(memoized.Findings[bodyCheck++]);
            }
            else
            {
                var checkFound = check.Check(context);
                var found = checkFound as IReadOnlyList<Violation> ?? checkFound.ToList();
                bodyFindings?.Add(found);
                findings.AddRange(found);
            }
        }

        var noImage = memoized?.NoImage ?? context.Image is null;
        if (bodyFindings is not null)
        {
            _memo.Keep(slot, exchange, profile, _checks, bodyFindings, noImage);
        }

        var violations = findings.ToList();

        var groups = CheckGroups.For(exchange.Response);
        IReadOnlyDictionary<string, string> notJudged = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        if (exchange.Response.BodyNotRecorded is { } missing)
        {
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in groups.Where(CheckGroups.ReadBody))
            {
                reasons[group] = missing;
            }

            notJudged = reasons;
            violations.RemoveAll(v => CheckGroups.ReadBody(v.Group));
        }
        else if (groups.Contains(CheckGroups.Body) && noImage)
        {
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in CheckGroups.ImageGroups)
            {
                reasons[group] = "the body is not an image document (see the body check group)";
            }

            notJudged = reasons;
        }

        return new Verdict(exchange.Name, request.Version, profile.Name, groups, InGroups(violations, groups), notJudged)
        {
            Probe = exchange.Probe?.Name,
        };
    }

    /// <summary>The violations of the groups that apply; the list itself when all of them do (as they nearly always do).</summary>
    private static List<Violation> InGroups(List<Violation> violations, IReadOnlyList<string> groups)
    {
        foreach (var violation in violations)
        {
            if (!groups.Contains(violation.Group))
            {
                return violations.Where(v => groups.Contains(v.Group)).ToList();
            }
        }

        return violations;
    }
}
