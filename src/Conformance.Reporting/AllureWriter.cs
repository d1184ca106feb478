using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Conformance.Core.Masking;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Reporting;

/// <summary>
/// Writes an Allure results folder: one <c>{uuid}-result.json</c> per test, attachments beside them,
/// <c>environment.properties</c>, <c>executor.json</c> and <c>categories.json</c>. Every file is written to a temporary
/// name and then renamed, so a run that dies midway leaves only complete files. Given a <see cref="FileQueue"/>,
/// results and attachments are written on the queue's thread, in order (attachments before the result that names
/// them); the caller drains the queue at the end of the run.
/// <para>
/// The previous run's files are not deleted but kept under spare names that Allure does not read
/// (<c>*.allure-spare.tmp</c>) and rewritten as this run's files: on a file system that must find a free inode for every
/// new file (ext4 without a journal scans every inode freed in the last half minute), deleting 90,000 files and then
/// creating as many made a run twice as slow. <see cref="DeleteSpares"/> removes the ones left over.
/// </para>
/// </summary>
public sealed class AllureWriter
{
    private const string SpareSuffix = ".allure-spare.tmp";

    private readonly FileQueue? _queue;
    private readonly ConcurrentStack<string> _spares = new();

    /// <summary>A writer into <paramref name="directory"/>, which is created when missing.</summary>
    /// <param name="directory">The Allure results folder.</param>
    /// <param name="queue">The queue to write on; null writes at once, on the caller's thread.</param>
    public AllureWriter(string directory, FileQueue? queue = null)
    {
        Directory.CreateDirectory(directory);
        ResultsDirectory = directory;
        _queue = queue;
    }

    /// <summary>The Allure results folder written to.</summary>
    public string ResultsDirectory { get; }

    /// <summary>
    /// Takes the files a previous run wrote here out of Allure's sight, as spares for this run's files (only Allure's
    /// own file names, their temporary names and earlier spares; nothing else is touched). With a queue this happens
    /// on the queue's thread, before anything written after it.
    /// </summary>
    public void Clean() => Later(() =>
    {
        foreach (var file in Directory.EnumerateFiles(ResultsDirectory).ToList())
        {
            var name = Path.GetFileName(file.AsSpan());
            if (name.EndsWith(SpareSuffix, StringComparison.Ordinal))
            {
                _spares.Push(file);
            }
            else if (IsOwn(name.EndsWith(".tmp", StringComparison.Ordinal) ? name[..^4] : name))
            {
                var spare = Path.Combine(ResultsDirectory, $"{Guid.NewGuid():N}{SpareSuffix}");
                File.Move(file, spare);
                _spares.Push(spare);
            }
        }
    });

    /// <summary>Deletes the spares this run did not need; call it once every file has been written.</summary>
    public void DeleteSpares()
    {
        while (_spares.TryPop(out var spare))
        {
            File.Delete(spare);
        }
    }

    /// <summary>
    /// Writes <paramref name="result"/> as <c>{uuid}-result.json</c>, known secrets masked. It is serialised at once, so a
    /// later change to the object does not reach the file.
    /// </summary>
    /// <param name="result">The test's result.</param>
    public void Write(AllureResult result)
    {
        // Serialised now: the result may change after this call, the file must not.
        // Whatever a result quotes (a received value, a message) passes through the secrets mask.
        var json = Secrets.Any
            ? new UTF8Encoding(false).GetBytes(Secrets.Mask(System.Text.Json.JsonSerializer.Serialize(result, AllureJsonContext.Default.AllureResult)))
            : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, AllureJsonContext.Default.AllureResult);
        Later(() => WriteAtomically($"{result.Uuid}-result.json", json));
    }

    /// <summary>Attaches a text, known secrets masked, in UTF-8; the result or step that lists the attachment refers to it.</summary>
    /// <param name="name">The attachment's title in the report.</param>
    /// <param name="mimeType">Its media type, such as <c>text/plain</c>.</param>
    /// <param name="extension">The file's extension, without the dot.</param>
    /// <param name="content">The text.</param>
    public AllureAttachment Attach(string name, string mimeType, string extension, string content) =>
        AttachLater(name, mimeType, extension, () => new UTF8Encoding(false).GetBytes(Secrets.Mask(content)));

    /// <summary>Attaches bytes produced later, on the queue's thread when there is one (for example read from a spool).</summary>
    public AllureAttachment AttachLater(string name, string mimeType, string extension, Func<byte[]> content)
    {
        // Attachments need no temporary name (a result file, written atomically after them, is what refers to them),
        // but a spare is used when there is one.
        var source = $"{Guid.NewGuid()}-attachment.{extension}";
        Later(() => Write(source, content(), atomically: false));
        return new AllureAttachment(name, source, mimeType);
    }

    /// <summary>Writes <c>environment.properties</c>, the run's settings the report shows, values with known secrets masked.</summary>
    /// <param name="properties">Names and values, in order.</param>
    public void WriteEnvironment(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            text.Append(Escape(key)).Append(" = ").Append(Escape(Secrets.Mask(value))).Append('\n');
        }

        var content = text.ToString();
        Later(() => WriteAtomically("environment.properties", content));
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

        var json = executor.ToString(Formatting.Indented);
        Later(() => WriteAtomically("executor.json", json));
    }

    /// <summary>
    /// The categories for Allure 2 readers (Allure 3 takes them from allurerc.mjs): contract violations are the
    /// failed results; known deviations and warnings are passed results, told apart by their status message.
    /// </summary>
    public void WriteCategories()
    {
        var categories = new JArray
        {
            new JObject { ["name"] = "Contract violations", ["matchedStatuses"] = new JArray("failed") },
            new JObject { ["name"] = "Known deviations (baseline, not failures)", ["matchedStatuses"] = new JArray("passed"), ["messageRegex"] = "(?s).*known deviations? \\(baseline\\).*" },
            new JObject { ["name"] = "Warnings (not failures)", ["matchedStatuses"] = new JArray("passed"), ["messageRegex"] = "(?s).*\\d+ warnings?:.*" },
            new JObject { ["name"] = "Target unreachable or suite error", ["matchedStatuses"] = new JArray("broken") },
        };
        var json = categories.ToString(Formatting.Indented);
        Later(() => WriteAtomically("categories.json", json));
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

    private void WriteAtomically(string name, string content) => Write(name, new UTF8Encoding(false).GetBytes(content), atomically: true);

    private void WriteAtomically(string name, byte[] content) => Write(name, content, atomically: true);

    /// <summary>Writes a file under a spare's or a temporary name and renames it, or straight to its name.</summary>
    private void Write(string name, byte[] content, bool atomically)
    {
        var path = Path.Combine(ResultsDirectory, name);
        var reused = _spares.TryPop(out var spare);
        var temporary = reused ? spare! : atomically ? path + ".tmp" : path;
        using (var file = File.OpenHandle(temporary, reused ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.Write))
        {
            // A spare is written over and then cut to length: emptying it first would make ext4 write it out at once.
            RandomAccess.Write(file, content, 0);
            if (reused)
            {
                RandomAccess.SetLength(file, content.Length);
            }
        }

        if (temporary != path)
        {
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>The names Allure gives the files of a results folder.</summary>
    private static bool IsOwn(ReadOnlySpan<char> name) =>
        name.EndsWith("-result.json", StringComparison.Ordinal) || name.EndsWith("-container.json", StringComparison.Ordinal)
        || name.Contains("-attachment.", StringComparison.Ordinal)
        || name.SequenceEqual("environment.properties") || name.SequenceEqual("executor.json") || name.SequenceEqual("categories.json");

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
}
