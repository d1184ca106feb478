namespace Conformance.Core.Checks;

/// <summary>ACTIVE means progress 100; under Nova's mapping every other status has its own progress values.</summary>
public sealed class StatusProgressCheck : IExchangeCheck
{
    private static readonly Dictionary<string, long[]> NovaProgress = new(StringComparer.Ordinal)
    {
        ["ACTIVE"] = [100],
        ["SAVING"] = [25, 50],
        ["DELETED"] = [0],
        ["ERROR"] = [0],
        ["UNKNOWN"] = [0],
    };

    public string Name => "status_progress_agreement";

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
            yield return new Violation("status.active_progress", "image.progress", received, context.Profile.Documented("status.active_progress"));
        }
        else if (context.Profile.Definition.ProgressMatchesStatus && status != "ACTIVE"
            && NovaProgress.TryGetValue(status, out var allowed) && !allowed.Contains(progress))
        {
            yield return new Violation("status.progress_mapping", "image.progress", received, context.Profile.Documented("status.progress_mapping"));
        }
    }
}
