using System.Text;

namespace Conformance.Core.Checks;

/// <summary>
/// One way an exchange departs from its contract: the rule (<c>group.rule</c>), a constant title, where in the
/// exchange, what was received and what the document says.
/// </summary>
public sealed record Violation
{
    public Violation(string rule, string where, string received, string documented, Severity? severity = null)
    {
        if (!Rules.TryGet(rule, out var info))
        {
            throw new ArgumentException($"Unknown rule id '{rule}'", nameof(rule));
        }

        Rule = rule;
        Title = info.Title;
        Where = where;
        Received = received;
        Documented = documented;
        Severity = severity ?? info.Severity;
    }

    /// <summary>A violation of a declared rule.</summary>
    public Violation(Rule rule, string where, string received, string documented, Severity? severity = null)
        : this(rule.Id, where, received, documented, severity)
    {
    }

    public string Rule { get; }

    public string Title { get; }

    public string Where { get; }

    public string Received { get; }

    public string Documented { get; }

    public Severity Severity { get; }

    /// <summary>
    /// Nonzero for the one violation that stands for those of its rule left out of an exchange's findings beyond
    /// the first <see cref="FindingsCap.PerRule"/>: how many it stands for.
    /// </summary>
    public long Omitted { get; init; }

    /// <summary>The check group: the part of the rule id before the dot.</summary>
    public string Group => Rules.GroupOf(Rule);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append('[').Append(Rule).Append("] ").Append(Title);
        if (Severity == Severity.Warning)
        {
            text.Append(" (warning)");
        }

        text.AppendLine();
        text.Append("  Where: ").AppendLine(Where);
        text.Append("  Received: ").AppendLine(Received);
        text.Append("  Documented: ").Append(Documented);
        return text.ToString();
    }
}
