using System.Text;

namespace Conformance.Core.Checks;

/// <summary>
/// One way an exchange departs from its contract: the rule (<c>group.rule</c>), a constant title, where in the
/// exchange, what was received and what the document says.
/// </summary>
public sealed record Violation
{
    /// <summary>A violation of the declared rule with id <paramref name="rule"/>; its title comes from the declaration.</summary>
    /// <param name="rule">The rule id, <c>group.rule</c>.</param>
    /// <param name="where">The place in the exchange, such as <c>image.links[0].rel</c> or <c>Content-Type header</c>.</param>
    /// <param name="received">What the exchange holds there, as a person should read it.</param>
    /// <param name="documented">What the profile's document says, quoted with its source.</param>
    /// <param name="severity">The rule's own severity when null.</param>
    /// <exception cref="ArgumentException">No check declares <paramref name="rule"/>.</exception>
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

    /// <summary>The rule id, <c>group.rule</c>.</summary>
    public string Rule { get; }

    /// <summary>The rule's constant title.</summary>
    public string Title { get; }

    /// <summary>The place in the exchange the violation is about.</summary>
    public string Where { get; }

    /// <summary>What the exchange holds there ("Received" in a report).</summary>
    public string Received { get; }

    /// <summary>What the document says, with its source ("Documented" in a report); may be empty for a summary.</summary>
    public string Documented { get; }

    /// <summary>The rule's severity unless the violation was given its own.</summary>
    public Severity Severity { get; }

    /// <summary>
    /// Nonzero for the one violation that stands for those of its rule left out of an exchange's findings beyond
    /// the first <see cref="FindingsCap.PerRule"/>: how many it stands for.
    /// </summary>
    public long Omitted { get; init; }

    /// <summary>The check group: the part of the rule id before the dot.</summary>
    public string Group => Rules.GroupOf(Rule);

    /// <summary>The violation as a report prints it: rule and title, then Where, Received and Documented lines.</summary>
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
