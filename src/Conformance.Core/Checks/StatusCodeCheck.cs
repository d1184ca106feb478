using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>
/// The response code is one the profile documents for this operation; a v2.1 request for a microversion gets the
/// code the profile's microversion rules give it (whether a live probe sent it or any other tool recorded it); a
/// probe gets the code it expects.
/// </summary>
public sealed class StatusCodeCheck : IExchangeCheck
{
    /// <summary>The status is one of the success or error codes the profile documents for the operation.</summary>
    public static readonly Rule DocumentedCode = new("status-code.documented", "Undocumented HTTP status code", Severity.Failure);

    /// <summary>Applies where the profile states microversions (nova): the image API ends at one, and v2.1 negotiates them.</summary>
    public static readonly Rule MicroversionExpected = new(
        "status-code.microversion_expected", "Microversion request answered with the wrong status", Severity.Failure, p => p.Definition.Microversions is not null);

    /// <summary>The probe's own expectation is the documented text.</summary>
    public static readonly Rule ProbeExpected = new("status-code.probe_expected", "Probe answered with an unexpected status", Severity.Failure, documentedKey: null);

    /// <summary>A recorded probe the profile's document does not settle (a 406 probe replayed under rackspace): said, not judged.</summary>
    public static readonly Rule ProbeNotSettled = new("status-code.probe_not_settled", "Probe not settled by the profile's document", Severity.Warning, documentedKey: null);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [DocumentedCode, MicroversionExpected, ProbeExpected, ProbeNotSettled];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var profile = context.Profile.Definition;
        var status = context.Response.Status;
        var received = $"HTTP {status} {context.Response.StatusText}".TrimEnd();
        var unsettled = context.Exchange.Probe is { } probeAsked && !probeAsked.SettledBy(profile) ? probeAsked : null;
        if (unsettled is not null)
        {
            // The request is one the document says nothing about: the answer the probe expects is not held against
            // the profile's list of codes, and the probe's expectation is not the profile's. Any other undocumented
            // code still fails status-code.documented below.
            yield return new Violation(
                ProbeNotSettled,
                $"response status (probe {unsettled.Name})",
                received,
                $"{context.Profile.Definition.Document} does not settle this probe (it expects HTTP {unsettled.ExpectedStatus}: {unsettled.Why}); its answer is not judged as the probe's");
        }

        if (!profile.SuccessCodes.Contains(status) && !profile.ErrorCodes.Contains(status) && status != unsettled?.ExpectedStatus)
        {
            yield return new Violation(DocumentedCode, "response status", received, context.Profile.Documented(DocumentedCode));
        }

        var microversion = MicroversionStatus(context.Exchange, context.Request.Version, context.Profile);
        if (microversion is { } expected && !expected.Accepts(status))
        {
            yield return new Violation(
                MicroversionExpected,
                $"response status (microversion {expected.Asked} requested)",
                received,
                $"HTTP {expected.Status}: {expected.Why}; {context.Profile.Documented(MicroversionExpected)}");
        }

        // A probe whose expectation the microversion rule already holds it to is not reported twice.
        if (unsettled is null && context.Exchange.Probe is { } probe && probe.ExpectedStatus != status && microversion?.Status != probe.ExpectedStatus)
        {
            yield return new Violation(ProbeExpected, $"response status (probe {probe.Name})", received, $"HTTP {probe.ExpectedStatus}: {probe.Why}");
        }
    }

    /// <summary>What a v2.1 request for a microversion must be answered under the profile; null when nothing is expected.</summary>
    public static MicroversionAnswer? MicroversionStatus(Exchange exchange, ApiVersion version, Profile profile)
    {
        if (version != ApiVersion.V21 || profile.Definition.Microversions is not { } range)
        {
            return null;
        }

        var asked = HeadersCheck.RequestedMicroversion(exchange.Request.Headers);
        if (asked is null)
        {
            return null;
        }

        var minimum = Microversion.Parse(range.Minimum);
        var maximum = Microversion.Parse(range.Maximum);
        var removed = Microversion.Parse(range.ImageApiRemoved);
        if (asked == "latest")
        {
            return maximum >= removed
                ? new MicroversionAnswer(asked, 404, $"'latest' is the newest microversion ({range.Maximum} or later), and the image API is gone from {range.ImageApiRemoved} on")
                : null;
        }

        if (!Microversion.TryParse(asked, out var requested))
        {
            return new MicroversionAnswer(asked, 400, "a malformed microversion (not X.Y) is refused");
        }

        if (requested < minimum)
        {
            return new MicroversionAnswer(asked, 406, $"below the lowest microversion, {range.Minimum}, is not acceptable");
        }

        if (requested > maximum)
        {
            // Nova echoes the version it refuses in its headers, so they prove nothing: a newer Nova is judged with a
            // profile whose microversions.maximum is its own.
            return new MicroversionAnswer(asked, 406, $"above the newest microversion, {range.Maximum}, is not acceptable");
        }

        return requested >= removed
            ? new MicroversionAnswer(asked, 404, $"the image API is gone from microversion {range.ImageApiRemoved} on, so the image is not found (itemNotFound)")
            : null;
    }
}

/// <summary>The status a microversion request must get, and why.</summary>
/// <param name="Asked">The microversion the request asked for, as sent.</param>
/// <param name="Status">The status it must get.</param>
/// <param name="Why">Why, quoted in the violation.</param>
public sealed record MicroversionAnswer(string Asked, int Status, string Why)
{
    /// <summary>
    /// True for <see cref="Status"/>, and for 401: Nova's identity middleware refuses a request without a valid token
    /// before the API reads its microversion.
    /// </summary>
    /// <param name="status">The response's HTTP status.</param>
    public bool Accepts(int status) => status == Status || status == 401;
}
