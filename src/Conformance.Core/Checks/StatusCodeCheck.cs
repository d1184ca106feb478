using Conformance.Core.Contracts;

namespace Conformance.Core.Checks;

/// <summary>The response code is one the profile documents for this operation.</summary>
public sealed class StatusCodeCheck : IExchangeCheck
{
    public static readonly Rule DocumentedCode = new("status-code.documented", "Undocumented HTTP status code", Severity.Failure);

    /// <summary>The probe's own expectation is the documented text.</summary>
    public static readonly Rule ProbeExpected = new("status-code.probe_expected", "Probe answered with an unexpected status", Severity.Failure, documentedKey: null);

    public IReadOnlyList<Rule> Reports { get; } = [DocumentedCode, ProbeExpected];

    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var profile = context.Profile.Definition;
        var status = context.Response.Status;
        if (!profile.SuccessCodes.Contains(status) && !profile.ErrorCodes.Contains(status))
        {
            yield return new Violation(
                DocumentedCode,
                "response status",
                $"HTTP {status} {context.Response.StatusText}".TrimEnd(),
                context.Profile.Documented(DocumentedCode));
        }

        if (context.Exchange.Probe is { } probe && probe.ExpectedStatus != status)
        {
            yield return new Violation(
                ProbeExpected,
                $"response status (probe {probe.Name})",
                $"HTTP {status} {context.Response.StatusText}".TrimEnd(),
                $"HTTP {probe.ExpectedStatus}: {probe.Why}");
        }
    }
}
