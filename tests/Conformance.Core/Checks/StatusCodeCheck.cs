namespace Conformance.Core.Checks;

/// <summary>The response code is one the profile documents for this operation.</summary>
public sealed class StatusCodeCheck : IExchangeCheck
{
    public string Name => "status_code_conformance";

    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var profile = context.Profile.Definition;
        var status = context.Response.Status;
        if (!profile.SuccessCodes.Contains(status) && !profile.ErrorCodes.Contains(status))
        {
            yield return new Violation(
                "status-code.documented",
                "response status",
                $"HTTP {status} {context.Response.StatusText}".TrimEnd(),
                context.Profile.Documented("status-code.documented"));
        }

        if (context.Exchange.Probe is { } probe && probe.ExpectedStatus != status)
        {
            yield return new Violation(
                "status-code.probe_expected",
                $"response status (probe {probe.Name})",
                $"HTTP {status} {context.Response.StatusText}".TrimEnd(),
                $"HTTP {probe.ExpectedStatus}: {probe.Why}");
        }
    }
}
