using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>An error response carries a JSON fault <c>{"&lt;faultName&gt;": {"code": N, "message": "..."}}</c>.</summary>
public sealed class FaultCheck : IExchangeCheck
{
    private static readonly Dictionary<int, string> NovaFaultNames = new()
    {
        [400] = "badRequest",
        [401] = "unauthorized",
        [403] = "forbidden",
        [404] = "itemNotFound",
        [405] = "badMethod",
        [409] = "conflictingRequest",
        [413] = "overLimit",
        [415] = "badMediaType",
        [429] = "overLimit",
        [501] = "notImplemented",
        [503] = "serviceUnavailable",
    };

    public static readonly Rule JsonBody = new("fault.json_body", "Error body is not a JSON fault", Severity.Failure);
    public static readonly Rule CodeMatchesStatus = new("fault.code_matches_status", "Fault code differs from HTTP status", Severity.Failure);
    public static readonly Rule Message = new("fault.message", "Fault message missing", Severity.Failure);
    public static readonly Rule FaultName = new("fault.name", "Fault name does not match status", Severity.Warning, p => p.Definition.FaultNames);

    public IReadOnlyList<Rule> Reports { get; } = [JsonBody, CodeMatchesStatus, Message, FaultName];

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

        if (FaultName.AppliesTo(context.Profile))
        {
            var expected = NovaFaultNames.GetValueOrDefault(status, "computeFault");
            var accepted = status == 401 ? new[] { expected, "error" } : [expected];
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
