using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>
/// Runs every check on an exchange and returns its violations, grouped into the verdict: all of them, up to
/// <see cref="FindingsCap.PerRule"/> per rule, then one saying how many more.
/// </summary>
public sealed class ExchangeJudge
{
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

    public ExchangeJudge(IReadOnlyList<IExchangeCheck>? checks = null)
    {
        _checks = checks ?? DefaultChecks;
    }

    public Verdict Judge(Exchange exchange, ImageDetailsRequest request, Profile profile)
    {
        var context = new JudgeContext(exchange, request, profile);
        var findings = new FindingsCap();
        foreach (var check in _checks)
        {
            findings.AddRange(check.Check(context));
        }

        var violations = findings.ToList();

        var groups = CheckGroups.For(exchange.Response);
        var notJudged = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exchange.Response.BodyNotRecorded is { } missing)
        {
            foreach (var group in groups.Where(CheckGroups.ReadBody))
            {
                notJudged[group] = missing;
            }

            violations.RemoveAll(v => CheckGroups.ReadBody(v.Group));
        }
        else if (groups.Contains(CheckGroups.Body) && context.Image is null)
        {
            foreach (var group in CheckGroups.ImageGroups)
            {
                notJudged[group] = "the body is not an image document (see the body check group)";
            }
        }

        return new Verdict(exchange.Name, request.Version, profile.Name, groups, violations.Where(v => groups.Contains(v.Group)).ToList(), notJudged)
        {
            Probe = exchange.Probe?.Name,
        };
    }
}
