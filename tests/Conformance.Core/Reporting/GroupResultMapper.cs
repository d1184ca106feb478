using System.Security.Cryptography;
using System.Text;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Recordings;

namespace Conformance.Core.Reporting;

/// <summary>
/// Turns one judged check group into an Allure result: status (a violation is failed, a known deviation is failed
/// and marked known, an unjudgeable group is skipped), labels for the API, version, group and profile, a step per
/// rule of the group, and the exchange's attachments.
/// </summary>
public static class GroupResultMapper
{
    public const string Epic = "Compute image details";

    public static AllureResult Map(GroupCase item, Profile profile, string target, IReadOnlyList<AllureAttachment> exchangeAttachments, AllureAttachment? violations, long start, long stop)
    {
        var outcome = item.Outcome;
        var hash = item.Exchange.LastIndexOf('#');
        var recording = hash < 0 ? item.Exchange : item.Exchange[..hash];
        var entry = hash < 0 ? "0" : item.Exchange[(hash + 1)..];
        var (status, known, kind) = outcome.Kind switch
        {
            OutcomeKind.Failed => (AllureStatus.Failed, false, "violation"),
            OutcomeKind.NotJudged => (AllureStatus.Skipped, false, "not-judged"),
            OutcomeKind.Warning when outcome.Known.Count > 0 => (AllureStatus.Failed, true, "known"),
            OutcomeKind.Warning => (AllureStatus.Passed, false, "warning"),
            _ => (AllureStatus.Passed, false, "conforms"),
        };
        var result = new AllureResult
        {
            FullName = item.Name,
            Name = item.Name,
            Status = status,
            Start = start,
            Stop = stop,
            Description = $"Check group **{item.Group}** of `{item.Exchange}`, judged under profile `{profile.Name}` ({profile.Definition.Document}).",
        };
        result.TestCaseId = Id(result.FullName);
        result.Parameters =
        [
            new("recording", recording),
            new("entry", entry),
            new("API version", item.Version == Exchanges.ApiVersion.V2 ? "v2" : "v2.1"),
            new("profile", profile.Name),
        ];
        result.HistoryId = Id(result.FullName + "|" + string.Join("|", result.Parameters.Where(p => !p.Excluded).Select(p => $"{p.Name}={p.Value}")));
        var text = outcome.Describe();
        if (text.Length > 0 || status != AllureStatus.Passed)
        {
            result.StatusDetails = new AllureStatusDetails { Message = text.Length > 0 ? text : null, Known = known };
        }

        result.Labels =
        [
            new("epic", Epic),
            new("feature", item.Version == Exchanges.ApiVersion.V2 ? "v2" : "v2.1"),
            new("story", item.Group),
            new("parentSuite", profile.Name),
            new("suite", item.Version == Exchanges.ApiVersion.V2 ? "v2" : "v2.1"),
            new("subSuite", target + " / " + recording),
            new("severity", Severity(item.Group)),
            new("tag", profile.Name),
            new("tag", "recorded"),
            new("outcome", kind),
            new("framework", "nunit"),
            new("language", "C#"),
        ];
        result.Steps = RuleApplicability.RulesOf(item.Group, profile).Select(rule => Step(rule, outcome, start, stop)).ToList();
        result.Attachments = [.. exchangeAttachments];
        if (violations is not null)
        {
            result.Attachments.Insert(0, violations);
        }

        return result;
    }

    /// <summary>
    /// One result for all groups of an exchange: each group's result becomes a step (with its rule steps inside);
    /// the status is the worst of them, a known deviation counting as failed and known.
    /// </summary>
    public static AllureResult MapExchange(ExchangeCase item, Profile profile, string target, IReadOnlyList<AllureAttachment> exchangeAttachments, AllureAttachment? violations, long start, long stop)
    {
        var groups = item.Groups.Select(g => Map(g, profile, target, [], null, start, stop)).ToList();
        var result = Map(item.Groups[0], profile, target, exchangeAttachments, violations, start, stop);
        result.Name = item.Name;
        result.FullName = item.Name;
        result.TestCaseId = Id(item.Name);
        result.HistoryId = Id(item.Name + "|" + string.Join("|", result.Parameters.Where(p => !p.Excluded).Select(p => $"{p.Name}={p.Value}")));
        result.Status = groups.Any(g => g.Status == AllureStatus.Failed && g.StatusDetails?.Known != true) ? AllureStatus.Failed
            : groups.Any(g => g.Status == AllureStatus.Failed) ? AllureStatus.Failed
            : groups.Any(g => g.Status == AllureStatus.Skipped) ? AllureStatus.Skipped
            : AllureStatus.Passed;
        var known = result.Status == AllureStatus.Failed && groups.All(g => g.Status != AllureStatus.Failed || g.StatusDetails?.Known == true);
        var text = item.Describe();
        result.StatusDetails = text.Length > 0 || result.Status != AllureStatus.Passed ? new AllureStatusDetails { Message = text.Length > 0 ? text : null, Known = known } : null;
        result.Labels.RemoveAll(l => l.Name is "story" or "outcome" or "severity");
        result.Labels.Add(new("story", "exchange"));
        result.Labels.Add(new("severity", item.Groups.Any(g => Severity(g.Group) == "critical") ? "critical" : "normal"));
        result.Labels.Add(new("outcome", result.Status switch
        {
            AllureStatus.Failed when known => "known",
            AllureStatus.Failed => "violation",
            AllureStatus.Skipped => "not-judged",
            _ => item.Kind == OutcomeKind.Warning ? "warning" : "conforms",
        }));
        result.Steps = groups.Select(g => new AllureStep { Name = g.Labels.First(l => l.Name == "story").Value, Status = g.Status, StatusDetails = g.StatusDetails, Start = start, Stop = stop, Steps = g.Steps }).ToList();
        return result;
    }

    public static string Severity(string group) => group switch
    {
        CheckGroups.StatusCode or CheckGroups.Body or CheckGroups.Identity => "critical",
        CheckGroups.Headers or CheckGroups.Metadata => "minor",
        _ => "normal",
    };

    private static AllureStep Step(string rule, GroupOutcome outcome, long start, long stop)
    {
        Rules.TryGet(rule, out var info);
        var step = new AllureStep { Name = $"{rule}: {info!.Title}", Start = start, Stop = stop };
        if (outcome.Failures.Count == 0 && outcome.Known.Count == 0 && outcome.Warnings.Count == 0)
        {
            return step;
        }

        var failures = outcome.Failures.Where(v => v.Rule == rule).ToList();
        var known = outcome.Known.Where(k => k.Violation.Rule == rule).ToList();
        var warnings = outcome.Warnings.Where(v => v.Rule == rule).ToList();
        if (failures.Count > 0)
        {
            step.Status = AllureStatus.Failed;
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", failures) };
        }
        else if (known.Count > 0)
        {
            step.Status = AllureStatus.Failed;
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", known.Select(k => $"{k.Violation}\n  Known because: {k.Deviation.Reason}")), Known = true };
        }
        else if (warnings.Count > 0)
        {
            step.Name += " (warning)";
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", warnings) };
        }

        return step;
    }

    /// <summary>A stable identifier for history: the first 128 bits of the SHA-256 of the text.</summary>
    private static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
