using System.Security.Cryptography;
using System.Text;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Recordings;

namespace Conformance.Reporting;

/// <summary>
/// Turns one judged check group into an Allure result. Only a contract violation is failed; a known deviation
/// (baselined) and a warning are passed, labelled <c>outcome = known</c> / <c>warning</c> and tagged, so the report's
/// categories show them apart and its Failed count is the run's violations; an unjudgeable group is skipped. The tree
/// goes target (recordings or cloud, and profile) → recording → entry and version; a <c>rule</c> label names the
/// rules behind the outcome ("status.enum: Image status not allowed") for the categories; a step per rule of the
/// group, named for what it checks when it holds and for what is wrong when it does not; the exchange's attachments.
/// </summary>
public static class GroupResultMapper
{
    /// <summary>The <c>epic</c> label of every result: the top of the report's tree.</summary>
    public const string Epic = "Compute image details";

    /// <param name="identity">
    /// What the exchange is, whatever its place in the recording (its file, method, URL, probe and how many times the
    /// same request came before): the test's history follows it, so inserting an entry into a HAR keeps the history
    /// of every later entry. Without it the history follows the entry's name (file and index).
    /// </param>
    /// <summary>The Allure result of one judged check group, with a step per rule the profile applies in that group.</summary>
    /// <param name="item">The judged group of one exchange.</param>
    /// <param name="profile">The profile it was judged under.</param>
    /// <param name="target">What was judged, for the tree's first level: the recordings folder or the cloud.</param>
    /// <param name="exchangeAttachments">The exchange's attachments (request, response, curl line), shared by its groups.</param>
    /// <param name="violations">The group's findings in full as an attachment; null when it has none.</param>
    /// <param name="start">When judging started, in milliseconds since the Unix epoch.</param>
    /// <param name="stop">When it ended, in milliseconds since the Unix epoch.</param>
    public static AllureResult Map(GroupCase item, Profile profile, string target, IReadOnlyList<AllureAttachment> exchangeAttachments, AllureAttachment? violations, long start, long stop, string? identity = null)
    {
        var outcome = item.Outcome;
        var hash = item.Exchange.LastIndexOf('#');
        var recording = hash < 0 ? item.Exchange : item.Exchange[..hash];
        var entry = hash < 0 ? "0" : item.Exchange[(hash + 1)..];
        var (status, known, kind) = outcome.Kind switch
        {
            OutcomeKind.Failed => (AllureStatus.Failed, false, Outcomes.Violation),
            OutcomeKind.NotJudged => (AllureStatus.Skipped, false, Outcomes.NotJudged),
            OutcomeKind.Warning when outcome.Known.Count > 0 => (AllureStatus.Passed, true, Outcomes.Known),
            OutcomeKind.Warning => (AllureStatus.Passed, false, Outcomes.Warning),
            _ => (AllureStatus.Passed, false, Outcomes.Conforms),
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
            new("API version", item.Version == Conformance.Core.Exchanges.ApiVersion.V2 ? "v2" : "v2.1"),
            new("profile", profile.Name),
        ];
        result.HistoryId = Id(result.FullName + "|" + string.Join("|", result.Parameters.Where(p => !p.Excluded).Select(p => $"{p.Name}={p.Value}")));
        if (identity is not null)
        {
            result.TestCaseId = Id($"{identity}|{item.Group}");
            result.HistoryId = Id($"{identity}|{item.Group}|{Conformance.Core.Exchanges.ApiVersionExtensions.Segment(item.Version)}|{profile.Name}");
            result.Parameters[1] = result.Parameters[1] with { Excluded = true };
        }

        var text = outcome.Describe();
        if (text.Length > 0 || status != AllureStatus.Passed)
        {
            result.StatusDetails = new AllureStatusDetails { Message = text.Length > 0 ? text : null, Known = known };
        }

        result.Description = WithFindings(result.Description, status, text);

        var version = item.Version == Conformance.Core.Exchanges.ApiVersion.V2 ? "v2" : "v2.1";
        var where = TargetOf(target, recording, profile.Name);
        var slash = recording.LastIndexOf('/');
        result.Labels =
        [
            new("epic", Epic),
            new("feature", version),
            new("story", item.Group),
            new("parentSuite", where),
            new("suite", slash < 0 ? recording : recording[(slash + 1)..]),
            new("subSuite", $"entry {entry}, {version}"),
            new("target", where),
            new("severity", Severity(item.Group)),
            new("tag", profile.Name),
            new("tag", "recorded"),
            new("outcome", kind),
            new("framework", "nunit"),
            new("language", "C#"),
        ];
        AddFindingLabels(result.Labels, kind, outcome.Failures, outcome.Known.Select(k => k.Violation), outcome.Warnings);
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
    /// the status is the worst of them (failed only for a contract violation), the outcome label likewise.
    /// </summary>
    public static AllureResult MapExchange(ExchangeCase item, Profile profile, string target, IReadOnlyList<AllureAttachment> exchangeAttachments, AllureAttachment? violations, long start, long stop, string? identity = null)
    {
        var groups = item.Groups.Select(g => Map(g, profile, target, [], null, start, stop)).ToList();
        var result = Map(item.Groups[0], profile, target, exchangeAttachments, violations, start, stop);
        result.Name = item.Name;
        result.FullName = item.Name;
        result.TestCaseId = Id(item.Name);
        result.HistoryId = Id(item.Name + "|" + string.Join("|", result.Parameters.Where(p => !p.Excluded).Select(p => $"{p.Name}={p.Value}")));
        if (identity is not null)
        {
            result.TestCaseId = Id(identity);
            result.HistoryId = Id($"{identity}|{Conformance.Core.Exchanges.ApiVersionExtensions.Segment(item.Version)}|{profile.Name}");
            result.Parameters[1] = result.Parameters[1] with { Excluded = true };
        }

        result.Status = groups.Any(g => g.Status == AllureStatus.Failed) ? AllureStatus.Failed
            : groups.Any(g => g.Status == AllureStatus.Skipped) ? AllureStatus.Skipped
            : AllureStatus.Passed;
        var outcomes = item.Groups.Select(g => g.Outcome).ToList();
        var kind = result.Status switch
        {
            AllureStatus.Failed => Outcomes.Violation,
            AllureStatus.Skipped => Outcomes.NotJudged,
            _ when outcomes.Any(o => o.Known.Count > 0) => Outcomes.Known,
            _ when outcomes.Any(o => o.Warnings.Count > 0) => Outcomes.Warning,
            _ => Outcomes.Conforms,
        };
        var known = kind == Outcomes.Known;
        var text = item.Describe();
        result.StatusDetails = text.Length > 0 || result.Status != AllureStatus.Passed ? new AllureStatusDetails { Message = text.Length > 0 ? text : null, Known = known } : null;
        result.Description = WithFindings($"The check groups of `{item.Groups[0].Exchange}`, judged under profile `{profile.Name}` ({profile.Definition.Document}).", result.Status, text);
        result.Labels.RemoveAll(l => l.Name is "story" or "outcome" or "severity" or "rule" || (l.Name == "tag" && l.Value is KnownTag or WarningTag));
        result.Labels.Add(new("story", "exchange"));
        result.Labels.Add(new("severity", item.Groups.Any(g => Severity(g.Group) == "critical") ? "critical" : "normal"));
        result.Labels.Add(new("outcome", kind));
        AddFindingLabels(result.Labels, kind, outcomes.SelectMany(o => o.Failures), outcomes.SelectMany(o => o.Known.Select(k => k.Violation)), outcomes.SelectMany(o => o.Warnings));
        result.Steps = groups.Select(g => new AllureStep { Name = g.Labels.First(l => l.Name == "story").Value, Status = g.Status, StatusDetails = g.StatusDetails, Start = start, Stop = stop, Steps = g.Steps }).ToList();
        return result;
    }

    /// <summary>The Allure <c>severity</c> of a check group: critical, normal or minor.</summary>
    /// <param name="group">A check group of <see cref="CheckGroups"/>.</param>
    public static string Severity(string group) => group switch
    {
        CheckGroups.StatusCode or CheckGroups.Body or CheckGroups.Identity => "critical",
        CheckGroups.Headers or CheckGroups.Metadata => "minor",
        _ => "normal",
    };

    private static AllureStep Step(string rule, GroupOutcome outcome, long start, long stop)
    {
        var step = new AllureStep { Name = $"{rule}: {Holds(rule)}", Start = start, Stop = stop };
        var failures = outcome.Failures.Where(v => v.Rule == rule).ToList();
        var known = outcome.Known.Where(k => k.Violation.Rule == rule).ToList();
        var warnings = outcome.Warnings.Where(v => v.Rule == rule).ToList();
        if (failures.Count > 0)
        {
            step.Name = $"{rule}: {Title(rule)}";
            step.Status = AllureStatus.Failed;
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", failures) };
        }
        else if (known.Count > 0)
        {
            step.Name = $"{rule}: {Title(rule)} (known deviation)";
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", known.Select(k => $"{k.Violation}\n  Known because: {k.Deviation.Reason}")), Known = true };
        }
        else if (warnings.Count > 0)
        {
            step.Name = $"{rule}: {Title(rule)} (warning)";
            step.StatusDetails = new AllureStatusDetails { Message = string.Join("\n", warnings) };
        }

        return step;
    }

    /// <summary>
    /// A passed result's findings (known deviations, warnings) in its description, which the report shows on the
    /// result's first page: the report shows a status message for failed and broken results only. Written as an
    /// indented code block, so nothing in a recorded value is read as Markdown or HTML.
    /// </summary>
    public static string? WithFindings(string? description, string status, string findings)
    {
        if (status != AllureStatus.Passed || findings.Length == 0)
        {
            return description;
        }

        var block = string.Join("\n", findings.Split('\n').Select(line => "    " + line.TrimEnd('\r')));
        return $"{description}\n\n**Not failures of the run, shown for review:**\n\n{block}\n";
    }

    /// <summary>The values of the <c>outcome</c> label.</summary>
    public static class Outcomes
    {
        /// <summary>A group whose every rule holds.</summary>
        public const string Conforms = "conforms";
        /// <summary>A group with warnings only (passed).</summary>
        public const string Warning = "warning";
        /// <summary>A group whose failures are all baselined deviations (passed).</summary>
        public const string Known = "known";
        /// <summary>A group with a contract violation (failed).</summary>
        public const string Violation = "violation";
        /// <summary>A group that could not be judged (skipped).</summary>
        public const string NotJudged = "not-judged";
    }

    /// <summary>The tag of a result with a known deviation.</summary>
    public const string KnownTag = "known deviation";

    /// <summary>The tag of a result with a warning.</summary>
    public const string WarningTag = "warning";

    /// <summary>
    /// Where a result belongs in the tree: the recordings folder (or the live target) with the recording's own
    /// folder, and the profile it was judged under, e.g. <c>fixtures/rackspace · profile nova</c>.
    /// </summary>
    public static string TargetOf(string target, string recording, string profile)
    {
        var slash = recording.LastIndexOf('/');
        var where = slash < 0 ? target : $"{target}/{recording[..slash]}";
        return $"{where} · profile {profile}";
    }

    /// <summary>A rule as the report names it: <c>status.enum: Image status not allowed</c>.</summary>
    public static string RuleName(string rule) => $"{rule}: {Title(rule)}";

    /// <summary>The rule's title, which says what is wrong when it does not hold.</summary>
    public static string Title(string rule) => Rules.TryGet(rule, out var info) ? info.Title : rule;

    /// <summary>What the rule checks, said as it holds (a passed step's name): "Content-Type is application/json".</summary>
    public static string Holds(string rule) => Checked.TryGetValue(rule, out var text) ? text : $"no '{Title(rule)}'";

    /// <summary>Every rule with its positive wording; a unit test keeps it complete against <see cref="Rules.Ids"/>.</summary>
    public static IReadOnlyDictionary<string, string> Positive => Checked;

    private static readonly Dictionary<string, string> Checked = new(StringComparer.Ordinal)
    {
        ["status-code.documented"] = "HTTP status code is documented",
        ["status-code.probe_expected"] = "Probe answered with the expected status",
        ["status-code.probe_not_settled"] = "Probe settled by the profile's document",
        ["status-code.microversion_expected"] = "Microversion request answered with the status it must get",

        ["headers.content_type"] = "Content-Type is application/json",
        ["headers.request_id_present"] = "Request id header present",
        ["headers.request_id_format"] = "Request id is req-<uuid>",
        ["headers.request_id_equal"] = "Request id headers agree",
        ["headers.microversion_present"] = "Microversion header present",
        ["headers.microversion_matches_request"] = "Microversion honoured",
        ["headers.microversion_absent_on_v2"] = "No microversion header on v2",
        ["headers.vary"] = "Vary names the microversion headers",

        ["fault.json_body"] = "Error body is a JSON fault",
        ["fault.code_matches_status"] = "Fault code equals the HTTP status",
        ["fault.message"] = "Fault message present",
        ["fault.name"] = "Fault name matches the status",

        ["body.json"] = "Body is JSON",
        ["body.envelope"] = "Body is an image document",
        ["body.required"] = "Required fields present",
        ["body.type"] = "JSON types as documented",
        ["body.range"] = "Values in range",
        ["body.format"] = "Strings in the allowed form",
        ["body.schema"] = "Body matches the schema",
        ["body.unknown_field"] = "Only documented fields",
        ["body.zero_where_positive"] = "Greater than zero where the document says so",

        ["identity.required"] = "Required fields present",
        ["identity.type"] = "JSON types as documented",
        ["identity.format"] = "Image id is a UUID",
        ["identity.matches_request"] = "Image id is the one requested",
        ["identity.project_in_uri"] = "Request URI names the project",

        ["timestamps.required"] = "Required fields present",
        ["timestamps.type"] = "JSON types as documented",
        ["timestamps.format"] = "Timestamps are ISO 8601",
        ["timestamps.order"] = "Image updated no earlier than it was created",

        ["links.required"] = "Required fields present",
        ["links.type"] = "Links well formed",
        ["links.rel"] = "Link relations allowed",
        ["links.self_present"] = "Self link present",
        ["links.bookmark_present"] = "Bookmark link present",
        ["links.href_absolute"] = "Link hrefs are absolute http(s) URLs",
        ["links.self_version"] = "Self link names the requested API version",
        ["links.self_target"] = "Self link names the requested project and image",
        ["links.bookmark_version"] = "Bookmark link has no version segment",
        ["links.bookmark_target"] = "Bookmark link names the requested image",
        ["links.order"] = "Links in the usual order",
        ["links.empty_port"] = "No link href with an empty port",
        ["links.placeholder_host"] = "No placeholder link host",
        ["links.bookmark_project"] = "Bookmark link names the requested project",
        ["links.alternate_target"] = "Alternate link names the image on the image service",
        ["links.alternate_type"] = "Alternate link carries the image media type",

        ["status.required"] = "Required fields present",
        ["status.type"] = "JSON types as documented",
        ["status.range"] = "Values in range",
        ["status.enum"] = "Image status allowed",
        ["status.active_progress"] = "ACTIVE image at progress 100",
        ["status.progress_mapping"] = "Progress matches status",

        ["metadata.required"] = "Required fields present",
        ["metadata.type"] = "Metadata is an object",
        ["metadata.disk_config_enum"] = "Disk config allowed",
        ["metadata.disk_config_agrees"] = "Disk config agrees with metadata",
        ["metadata.server_shape"] = "Server reference well formed",
        ["metadata.server_matches_instance"] = "Server reference agrees with metadata",
        ["metadata.server_links"] = "Server links name the server",

        ["consistency.versions_agree"] = "v2 and v2.1 describe the image alike",

        ["image-service.name"] = "Name as in the image service",
        ["image-service.size"] = "Size as in the image service",
        ["image-service.min_disk"] = "minDisk as in the image service",
        ["image-service.min_ram"] = "minRam as in the image service",
        ["image-service.timestamps"] = "Timestamps as in the image service",
        ["image-service.status"] = "Status agrees with the image service's state",
    };

    /// <summary>
    /// The <c>rule</c> label: the rules behind the outcome, by name, joined when several (one label, so a category
    /// groups each result once); and a tag for a known deviation or a warning, so the tree shows them at a glance.
    /// </summary>
    private static void AddFindingLabels(List<AllureLabel> labels, string kind, IEnumerable<Violation> failures, IEnumerable<Violation> known, IEnumerable<Violation> warnings)
    {
        var knownRules = known.Select(v => v.Rule).Distinct().ToList();
        var warningRules = warnings.Select(v => v.Rule).Distinct().ToList();
        var deciding = kind switch
        {
            Outcomes.Violation => failures.Select(v => v.Rule).Distinct().ToList(),
            Outcomes.Known => knownRules,
            Outcomes.Warning => warningRules,
            _ => [],
        };
        if (deciding.Count > 0)
        {
            labels.Add(new("rule", string.Join("; ", deciding.Order(StringComparer.Ordinal).Select(RuleName))));
        }

        if (knownRules.Count > 0)
        {
            labels.Add(new("tag", KnownTag));
        }

        if (warningRules.Count > 0)
        {
            labels.Add(new("tag", WarningTag));
        }
    }

    /// <summary>A stable identifier for history: the first 128 bits of the SHA-256 of the text.</summary>
    private static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
