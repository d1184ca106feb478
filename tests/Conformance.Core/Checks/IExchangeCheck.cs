namespace Conformance.Core.Checks;

/// <summary>One named check. It reports every violation it finds, not just the first.</summary>
public interface IExchangeCheck
{
    /// <summary>A snake_case name people can quote.</summary>
    string Name { get; }

    IEnumerable<Violation> Check(JudgeContext context);
}
