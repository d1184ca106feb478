namespace Conformance.Core.Exchanges;

/// <summary>
/// What a probe request (beyond the happy path) expects back: an unknown image gets 404, a bad token 401, and so
/// on. Recorded in HAR entries as the custom field <c>_probe</c>, so a replay judges it the same way.
/// </summary>
public sealed record Probe(string Name, int ExpectedStatus, string Why);
