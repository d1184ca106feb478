namespace Conformance.Core.Checks;

/// <summary>ACTIVE means progress 100; under a profile's mapping (<c>progressByStatus</c>) every other status has its own progress values.</summary>
public sealed class StatusProgressCheck : IBodyCheck
{
    /// <summary>An <c>ACTIVE</c> image has <c>progress</c> 100.</summary>
    public static readonly Rule ActiveProgress = new("status.active_progress", "ACTIVE image not at progress 100", Severity.Failure);
    /// <summary>Where the profile maps statuses to progress values, <c>progress</c> is one its status allows.</summary>
    public static readonly Rule ProgressMapping = new("status.progress_mapping", "Progress does not match status", Severity.Failure, p => p.Definition.ProgressByStatus.Count > 0);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [ActiveProgress, ProgressMapping];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        // A progress that is no 64-bit integer, or out of 0..100, is the schema's finding (status.type, status.range);
        // agreement is judged only on valid values.
        if (JsonValues.Text(context.Image?["status"]) is not { } status || !JsonValues.TryInt64(context.Image!["progress"], out var progress))
        {
            yield break;
        }

        if (progress is < 0 or > 100)
        {
            yield break;
        }

        var received = $"status {status} with progress {progress}";
        if (status == "ACTIVE" && progress != 100)
        {
            yield return new Violation(ActiveProgress, "image.progress", received, context.Profile.Documented(ActiveProgress));
        }
        else if (ProgressMapping.AppliesTo(context.Profile) && status != "ACTIVE"
            && context.Profile.Definition.ProgressByStatus.TryGetValue(status, out var allowed) && !allowed.Contains(progress))
        {
            yield return new Violation(ProgressMapping, "image.progress", received, context.Profile.Documented(ProgressMapping));
        }
    }
}
