namespace Conformance.Core.Baselines;

/// <summary>One accepted deviation: in this recording entry, this rule is known to be broken, for this reason.</summary>
public sealed record KnownDeviation(string Recording, string Rule, string Reason);
