using Newtonsoft.Json;

namespace Conformance.Core.Reporting;

// Allure's result format (the Allure 2 model, which Allure 3 reads too). Property names follow the format.
#pragma warning disable CA2227 // collections are set by object initialisers and serialised as they are

public sealed class AllureResult
{
    [JsonProperty("uuid")] public string Uuid { get; set; } = Guid.NewGuid().ToString();
    [JsonProperty("historyId")] public string HistoryId { get; set; } = string.Empty;
    [JsonProperty("testCaseId")] public string TestCaseId { get; set; } = string.Empty;
    [JsonProperty("fullName")] public string FullName { get; set; } = string.Empty;
    [JsonProperty("name")] public string Name { get; set; } = string.Empty;
    [JsonProperty("description", NullValueHandling = NullValueHandling.Ignore)] public string? Description { get; set; }
    [JsonProperty("status")] public string Status { get; set; } = AllureStatus.Passed;
    [JsonProperty("statusDetails", NullValueHandling = NullValueHandling.Ignore)] public AllureStatusDetails? StatusDetails { get; set; }
    [JsonProperty("stage")] public string Stage { get; set; } = "finished";
    [JsonProperty("start")] public long Start { get; set; }
    [JsonProperty("stop")] public long Stop { get; set; }
    [JsonProperty("labels")] public List<AllureLabel> Labels { get; set; } = [];
    [JsonProperty("links")] public List<AllureLink> Links { get; set; } = [];
    [JsonProperty("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    [JsonProperty("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    [JsonProperty("steps")] public List<AllureStep> Steps { get; set; } = [];
}

public sealed class AllureStep
{
    [JsonProperty("name")] public string Name { get; set; } = string.Empty;
    [JsonProperty("status")] public string Status { get; set; } = AllureStatus.Passed;
    [JsonProperty("statusDetails", NullValueHandling = NullValueHandling.Ignore)] public AllureStatusDetails? StatusDetails { get; set; }
    [JsonProperty("stage")] public string Stage { get; set; } = "finished";
    [JsonProperty("start")] public long Start { get; set; }
    [JsonProperty("stop")] public long Stop { get; set; }
    [JsonProperty("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    [JsonProperty("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    [JsonProperty("steps")] public List<AllureStep> Steps { get; set; } = [];
}

public sealed class AllureStatusDetails
{
    [JsonProperty("message", NullValueHandling = NullValueHandling.Ignore)] public string? Message { get; set; }
    [JsonProperty("trace", NullValueHandling = NullValueHandling.Ignore)] public string? Trace { get; set; }
    [JsonProperty("known")] public bool Known { get; set; }
    [JsonProperty("muted")] public bool Muted { get; set; }
    [JsonProperty("flaky")] public bool Flaky { get; set; }
}

public sealed record AllureLabel([property: JsonProperty("name")] string Name, [property: JsonProperty("value")] string Value);

public sealed record AllureLink([property: JsonProperty("name")] string Name, [property: JsonProperty("url")] string Url, [property: JsonProperty("type")] string Type);

public sealed record AllureParameter(
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("value")] string Value,
    [property: JsonProperty("excluded")] bool Excluded = false,
    [property: JsonProperty("mode")] string Mode = "default");

public sealed record AllureAttachment([property: JsonProperty("name")] string Name, [property: JsonProperty("source")] string Source, [property: JsonProperty("type")] string Type);

public static class AllureStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Broken = "broken";
    public const string Skipped = "skipped";
}
#pragma warning restore CA2227
