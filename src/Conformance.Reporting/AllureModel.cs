using System.Text.Json.Serialization;

namespace Conformance.Reporting;

// Allure's result format (the Allure 2 model, which Allure 3 reads too). Property names follow the format.
#pragma warning disable CA2227 // collections are set by object initialisers and serialised as they are

public sealed class AllureResult
{
    [JsonPropertyName("uuid")] public string Uuid { get; set; } = Guid.NewGuid().ToString();
    [JsonPropertyName("historyId")] public string HistoryId { get; set; } = string.Empty;
    [JsonPropertyName("testCaseId")] public string TestCaseId { get; set; } = string.Empty;
    [JsonPropertyName("fullName")] public string FullName { get; set; } = string.Empty;
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    [JsonPropertyName("status")] public string Status { get; set; } = AllureStatus.Passed;
    [JsonPropertyName("statusDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AllureStatusDetails? StatusDetails { get; set; }
    [JsonPropertyName("stage")] public string Stage { get; set; } = "finished";
    [JsonPropertyName("start")] public long Start { get; set; }
    [JsonPropertyName("stop")] public long Stop { get; set; }
    [JsonPropertyName("labels")] public List<AllureLabel> Labels { get; set; } = [];
    [JsonPropertyName("links")] public List<AllureLink> Links { get; set; } = [];
    [JsonPropertyName("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    [JsonPropertyName("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    [JsonPropertyName("steps")] public List<AllureStep> Steps { get; set; } = [];
}

public sealed class AllureStep
{
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
    [JsonPropertyName("status")] public string Status { get; set; } = AllureStatus.Passed;
    [JsonPropertyName("statusDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AllureStatusDetails? StatusDetails { get; set; }
    [JsonPropertyName("stage")] public string Stage { get; set; } = "finished";
    [JsonPropertyName("start")] public long Start { get; set; }
    [JsonPropertyName("stop")] public long Stop { get; set; }
    [JsonPropertyName("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    [JsonPropertyName("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    [JsonPropertyName("steps")] public List<AllureStep> Steps { get; set; } = [];
}

public sealed class AllureStatusDetails
{
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Message { get; set; }
    [JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Trace { get; set; }
    [JsonPropertyName("known")] public bool Known { get; set; }
    [JsonPropertyName("muted")] public bool Muted { get; set; }
    [JsonPropertyName("flaky")] public bool Flaky { get; set; }
}

public sealed record AllureLabel([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

public sealed record AllureLink([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("type")] string Type);

public sealed record AllureParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("excluded")] bool Excluded = false,
    [property: JsonPropertyName("mode")] string Mode = "default");

public sealed record AllureAttachment([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("source")] string Source, [property: JsonPropertyName("type")] string Type);

public static class AllureStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Broken = "broken";
    public const string Skipped = "skipped";
}

/// <summary>Source-generated serialisation of the result format: no reflection, a fraction of the cost per result.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(AllureResult))]
public sealed partial class AllureJsonContext : JsonSerializerContext;
#pragma warning restore CA2227
