using Conformance.Core.Contracts;

namespace Conformance.Core.Exchanges;

/// <summary>
/// What a probe request (beyond the happy path) expects back: an unknown image gets 404, a bad token 401, and so
/// on. Recorded in HAR entries as the custom field <c>_probe</c>, so a replay judges it the same way.
/// </summary>
/// <param name="Name">The probe's name, such as <c>unknown-image</c>.</param>
/// <param name="ExpectedStatus">The status the probe expects.</param>
/// <param name="Why">Why it expects it, quoted as the documented text.</param>
public sealed record Probe(string Name, int ExpectedStatus, string Why)
{
    /// <summary>Probes about microversion negotiation (their names say so): only a profile that states microversions settles them.</summary>
    public bool AboutMicroversions => Name.Contains("microversion", StringComparison.Ordinal);

    /// <summary>
    /// Whether the profile's document settles what the probe expects: the expected status is one the profile
    /// documents, and a microversion probe needs a profile that states microversions. A live run sends only settled
    /// probes; a recorded probe that is not settled is not judged as a probe.
    /// </summary>
    public bool SettledBy(ProfileDefinition profile) =>
        (profile.SuccessCodes.Contains(ExpectedStatus) || profile.ErrorCodes.Contains(ExpectedStatus))
        && (!AboutMicroversions || profile.Microversions is not null);
}
