using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>An error response carries a JSON fault <c>{"&lt;faultName&gt;": {"code": N, "message": "..."}}</c>.</summary>
public sealed class FaultCheck : IExchangeCheck
{
    /// <summary>An error response's body is a JSON object holding one fault object.</summary>
    public static readonly Rule JsonBody = new("fault.json_body", "Error body is not a JSON fault", Severity.Failure);
    /// <summary>The fault's <c>code</c> is the response's HTTP status.</summary>
    public static readonly Rule CodeMatchesStatus = new("fault.code_matches_status", "Fault code differs from HTTP status", Severity.Failure);
    /// <summary>The fault carries a non-empty <c>message</c> string.</summary>
    public static readonly Rule Message = new("fault.message", "Fault message missing", Severity.Failure);
    /// <summary>Where the profile names faults (nova), the fault's name is the one its document gives for the status.</summary>
    public static readonly Rule FaultName = new("fault.name", "Fault name does not match status", Severity.Warning, p => p.Definition.FaultNames.Count > 0);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [JsonBody, CodeMatchesStatus, Message, FaultName];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var status = context.Response.Status;
        if (status < 400)
        {
            yield break;
        }

        var documented = context.Profile.Documented(JsonBody);
        if (context.Body is not JObject root || root.Count != 1 || root.First is not JProperty { Value: JObject fault } property)
        {
            var received = context.Body is not null ? JudgeContext.Show(context.Body)
                : context.Response.Body.Length == 0 ? $"{context.BodyProblem} {ContentTypeOf(context)}".TrimEnd()
                : $"{context.BodyProblem}: {ContentTypeOf(context)}{JudgeContext.Excerpt(context.Response.Body)}";
            yield return new Violation(JsonBody, "body", received, documented);
            yield break;
        }

        var where = $"{property.Name}.code";
        var code = fault["code"];
        if (!JsonValues.TryInt64(code, out var number) || number != status)
        {
            yield return new Violation(
                CodeMatchesStatus,
                where,
                code is null ? $"no code (HTTP {status})" : $"{JudgeContext.Show(code)} (HTTP {status})",
                context.Profile.Documented(CodeMatchesStatus));
        }

        if (fault["message"] is not { Type: JTokenType.String } message || string.IsNullOrWhiteSpace((string?)message))
        {
            yield return new Violation(
                Message,
                $"{property.Name}.message",
                JudgeContext.Show(fault["message"]),
                context.Profile.Documented(Message));
        }

        // The names per status are profile data (profile.json, faultNames).
        var names = context.Profile.Definition.FaultNames;
        if (FaultName.AppliesTo(context.Profile)
            && (names.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var accepted) || names.TryGetValue("*", out accepted)))
        {
            if (!accepted.Contains(property.Name, StringComparer.Ordinal))
            {
                yield return new Violation(
                    FaultName,
                    "fault name",
                    $"\"{property.Name}\" for HTTP {status} (expected {string.Join(" or ", accepted.Select(a => $"\"{a}\""))})",
                    context.Profile.Documented(FaultName));
            }
        }
    }

    private static string ContentTypeOf(JudgeContext context)
    {
        var type = context.Response.Headers.Get("Content-Type");
        return type is null ? string.Empty : $"({type}) ";
    }
}
