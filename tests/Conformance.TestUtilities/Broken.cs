namespace Conformance.TestUtilities;

/// <summary>A conformant exchange with exactly one rule broken; its name is what a report shows.</summary>
public sealed record Broken(string Name, Func<Draft> Make, string ExpectedRule)
{
    public override string ToString() => Name;
}
