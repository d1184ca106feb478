using System.Text.Json.Serialization;

namespace Conformance.Reporting;

// Allure's result format (the Allure 2 model, which Allure 3 reads too). Property names follow the format.
#pragma warning disable CA2227 // collections are set by object initialisers and serialised as they are

/// <summary>One test's result, written as <c>{uuid}-result.json</c>.</summary>
public sealed class AllureResult
{
    /// <summary>The result's own id, which also names its file; new for every result.</summary>
    [JsonPropertyName("uuid")] public string Uuid { get; set; } = Guid.NewGuid().ToString();
    /// <summary>The id Allure follows a test's history by across runs: the same test must keep the same one.</summary>
    [JsonPropertyName("historyId")] public string HistoryId { get; set; } = string.Empty;
    /// <summary>The id of the test case, whatever its parameters.</summary>
    [JsonPropertyName("testCaseId")] public string TestCaseId { get; set; } = string.Empty;
    /// <summary>The test's full, unique name.</summary>
    [JsonPropertyName("fullName")] public string FullName { get; set; } = string.Empty;
    /// <summary>The test's name as the report shows it.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
    /// <summary>A Markdown description shown with the result; null writes none.</summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; set; }
    /// <summary>One of <see cref="AllureStatus"/>'s values.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = AllureStatus.Passed;
    /// <summary>The message (and trace) of a result that did not pass; null writes none.</summary>
    [JsonPropertyName("statusDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AllureStatusDetails? StatusDetails { get; set; }
    /// <summary>The test's life-cycle stage; always <c>finished</c> here.</summary>
    [JsonPropertyName("stage")] public string Stage { get; set; } = "finished";
    /// <summary>When the test started, in milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("start")] public long Start { get; set; }
    /// <summary>When the test ended, in milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("stop")] public long Stop { get; set; }
    /// <summary>The labels the report groups and filters by (<c>epic</c>, <c>feature</c>, <c>story</c>, <c>severity</c>, <c>outcome</c>, <c>rule</c>).</summary>
    [JsonPropertyName("labels")] public List<AllureLabel> Labels { get; set; } = [];
    /// <summary>Links shown with the result.</summary>
    [JsonPropertyName("links")] public List<AllureLink> Links { get; set; } = [];
    /// <summary>The test's parameters (profile, version and the like).</summary>
    [JsonPropertyName("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    /// <summary>Files attached to the result itself (the exchange's request, response and curl line).</summary>
    [JsonPropertyName("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    /// <summary>The result's steps, one per rule of the check group.</summary>
    [JsonPropertyName("steps")] public List<AllureStep> Steps { get; set; } = [];
}

/// <summary>One step of a result: here a rule of the check group, holding or not.</summary>
public sealed class AllureStep
{
    /// <summary>The step's name as the report shows it.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
    /// <summary>One of <see cref="AllureStatus"/>'s values.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = AllureStatus.Passed;
    /// <summary>The message of a step that did not pass; null writes none.</summary>
    [JsonPropertyName("statusDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AllureStatusDetails? StatusDetails { get; set; }
    /// <summary>The step's life-cycle stage; always <c>finished</c> here.</summary>
    [JsonPropertyName("stage")] public string Stage { get; set; } = "finished";
    /// <summary>When the step started, in milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("start")] public long Start { get; set; }
    /// <summary>When the step ended, in milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("stop")] public long Stop { get; set; }
    /// <summary>Files attached to the step.</summary>
    [JsonPropertyName("attachments")] public List<AllureAttachment> Attachments { get; set; } = [];
    /// <summary>The step's parameters.</summary>
    [JsonPropertyName("parameters")] public List<AllureParameter> Parameters { get; set; } = [];
    /// <summary>Steps within the step.</summary>
    [JsonPropertyName("steps")] public List<AllureStep> Steps { get; set; } = [];
}

/// <summary>Why a result or step did not pass, and the flags Allure shows it with.</summary>
public sealed class AllureStatusDetails
{
    /// <summary>The message a person reads first; null writes none.</summary>
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Message { get; set; }
    /// <summary>The longer text under the message, such as a stack trace; null writes none.</summary>
    [JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Trace { get; set; }
    /// <summary>True for a known issue (here a baselined deviation).</summary>
    [JsonPropertyName("known")] public bool Known { get; set; }
    /// <summary>True for a muted test, left out of the report's statistics.</summary>
    [JsonPropertyName("muted")] public bool Muted { get; set; }
    /// <summary>True for a test known to pass and fail by chance.</summary>
    [JsonPropertyName("flaky")] public bool Flaky { get; set; }
}

/// <summary>A label the report groups or filters results by.</summary>
/// <param name="Name">The label's name, such as <c>epic</c> or <c>rule</c>.</param>
/// <param name="Value">Its value.</param>
public sealed record AllureLabel([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

/// <summary>A link shown with a result.</summary>
/// <param name="Name">The link's text.</param>
/// <param name="Url">Where it leads.</param>
/// <param name="Type">Allure's link type, such as <c>link</c>, <c>issue</c> or <c>tms</c>.</param>
public sealed record AllureLink([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("type")] string Type);

/// <summary>A parameter of a test or step.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value, as text.</param>
/// <param name="Excluded">True to leave it out of the history id, so a change of value keeps the history.</param>
/// <param name="Mode">How the report shows the value: <c>default</c>, <c>masked</c> or <c>hidden</c>.</param>
public sealed record AllureParameter(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("excluded")] bool Excluded = false,
    [property: JsonPropertyName("mode")] string Mode = "default");

/// <summary>A file attached to a result or step.</summary>
/// <param name="Name">The attachment's title in the report.</param>
/// <param name="Source">Its file name in the results folder.</param>
/// <param name="Type">Its media type, such as <c>text/plain</c>.</param>
public sealed record AllureAttachment([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("source")] string Source, [property: JsonPropertyName("type")] string Type);

/// <summary>The statuses of Allure's format.</summary>
public static class AllureStatus
{
    /// <summary>The test passed (here also a warning or a known deviation).</summary>
    public const string Passed = "passed";
    /// <summary>The test found a violation of the contract.</summary>
    public const string Failed = "failed";
    /// <summary>The test could not run to a verdict (an unreadable recording, an unreachable target).</summary>
    public const string Broken = "broken";
    /// <summary>The test was not judged (a group that could not be judged).</summary>
    public const string Skipped = "skipped";
}

/// <summary>Source-generated serialisation of the result format: no reflection, a fraction of the cost per result.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(AllureResult))]
public sealed partial class AllureJsonContext : JsonSerializerContext;
#pragma warning restore CA2227
