using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Reporting;

/// <summary>
/// Writes an Allure results folder: one <c>{uuid}-result.json</c> per test, attachments beside them,
/// <c>environment.properties</c>, <c>executor.json</c> and <c>categories.json</c>. Every file is written to a temporary
/// name and then renamed, so a run that dies midway leaves only complete files. Given a <see cref="FileQueue"/>,
/// results and attachments are written on the queue's thread, in order (attachments before the result that names
/// them); the caller drains the queue at the end of the run.
/// </summary>
public sealed class AllureWriter
{
    private static readonly string[] OwnPatterns = ["*-result.json", "*-container.json", "*-attachment.*", "environment.properties", "executor.json", "categories.json"];

    private readonly FileQueue? _queue;

    public AllureWriter(string directory, FileQueue? queue = null)
    {
        Directory.CreateDirectory(directory);
        ResultsDirectory = directory;
        _queue = queue;
    }

    public string ResultsDirectory { get; }

    /// <summary>Removes the files a previous run wrote here (only Allure's own file names; nothing else is touched).</summary>
    public void Clean()
    {
        foreach (var pattern in OwnPatterns)
        {
            foreach (var file in Directory.EnumerateFiles(ResultsDirectory, pattern))
            {
                File.Delete(file);
            }
        }
    }

    public void Write(AllureResult result)
    {
        // Serialised now: the result may change after this call, the file must not.
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, AllureJsonContext.Default.AllureResult);
        Later(() => WriteAtomically($"{result.Uuid}-result.json", json));
    }

    public AllureAttachment Attach(string name, string mimeType, string extension, string content) =>
        AttachLater(name, mimeType, extension, () => new UTF8Encoding(false).GetBytes(content));

    /// <summary>Attaches bytes produced later, on the queue's thread when there is one (for example read from a spool).</summary>
    public AllureAttachment AttachLater(string name, string mimeType, string extension, Func<byte[]> content)
    {
        // Attachments need no temporary name: a result file, written atomically after them, is what refers to them.
        var source = $"{Guid.NewGuid()}-attachment.{extension}";
        var path = Path.Combine(ResultsDirectory, source);
        Later(() => File.WriteAllBytes(path, content()));
        return new AllureAttachment(name, source, mimeType);
    }

    public void WriteEnvironment(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            text.Append(Escape(key)).Append(" = ").Append(Escape(value)).Append('\n');
        }

        WriteAtomically("environment.properties", text.ToString());
    }

    /// <summary>CI build information, when the run happens in a CI system that says so through its variables.</summary>
    public void WriteExecutor(Func<string, string?> environment)
    {
        var server = environment("GITHUB_SERVER_URL");
        var repository = environment("GITHUB_REPOSITORY");
        var runId = environment("GITHUB_RUN_ID");
        JObject executor;
        if (runId is not null && server is not null && repository is not null)
        {
            var url = $"{server}/{repository}/actions/runs/{runId}";
            executor = new JObject
            {
                ["name"] = "GitHub Actions",
                ["type"] = "github",
                ["buildName"] = $"{environment("GITHUB_WORKFLOW")} #{environment("GITHUB_RUN_NUMBER")}",
                ["buildOrder"] = long.TryParse(environment("GITHUB_RUN_NUMBER"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : 0,
                ["buildUrl"] = url,
                ["reportName"] = "Image-details conformance",
            };
        }
        else if (environment("CI") is { Length: > 0 })
        {
            executor = new JObject { ["name"] = "CI", ["type"] = "ci", ["reportName"] = "Image-details conformance" };
        }
        else
        {
            return;
        }

        WriteAtomically("executor.json", executor.ToString(Formatting.Indented));
    }

    /// <summary>The categories for Allure 2 readers (Allure 3 takes them from allurerc.mjs).</summary>
    public void WriteCategories()
    {
        var categories = new JArray
        {
            new JObject { ["name"] = "Known deviations", ["matchedStatuses"] = new JArray("failed"), ["messageRegex"] = "(?s).*known deviation.*" },
            new JObject { ["name"] = "Contract violations", ["matchedStatuses"] = new JArray("failed") },
            new JObject { ["name"] = "Target unreachable or suite error", ["matchedStatuses"] = new JArray("broken") },
        };
        WriteAtomically("categories.json", categories.ToString(Formatting.Indented));
    }

    /// <summary>Runs a file operation on the writer's queue when it has one, else at once.</summary>
    private void Later(Action write)
    {
        if (_queue is null)
        {
            write();
        }
        else
        {
            _queue.Post(write);
        }
    }

    private void WriteAtomically(string name, string content) => WriteAtomically(name, new UTF8Encoding(false).GetBytes(content));

    private void WriteAtomically(string name, byte[] content)
    {
        var path = Path.Combine(ResultsDirectory, name);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
}
