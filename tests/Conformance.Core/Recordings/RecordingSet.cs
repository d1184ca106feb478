using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Recordings;

/// <summary>
/// The HAR files of a run: one file, or every <c>*.har</c> under a folder. Each file's profile is the override
/// when one is given, else what the nearest <c>conformance.json</c> in its folder (or a parent up to the root)
/// states, else <c>nova</c>.
/// </summary>
public static class RecordingSet
{
    public const string FolderFile = "conformance.json";
    public const string DefaultProfile = "nova";

    public static IReadOnlyList<RecordingFile> Find(string path, string? profileOverride)
    {
        if (File.Exists(path))
        {
            var root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            return [Describe(System.IO.Path.GetFullPath(path), root, profileOverride)];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No recording file or folder at '{path}'", path);
        }

        var folder = System.IO.Path.GetFullPath(path);
        return Directory.EnumerateFiles(folder, "*.har", SearchOption.AllDirectories)
            .Select(f => Describe(f, folder, profileOverride))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static RecordingFile Describe(string file, string root, string? profileOverride)
    {
        var name = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
        if (profileOverride is not null)
        {
            return new RecordingFile(file, name, profileOverride, null);
        }

        for (var dir = System.IO.Path.GetDirectoryName(file); dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            var stated = System.IO.Path.Combine(dir, FolderFile);
            if (File.Exists(stated))
            {
                var (profile, problem) = ReadProfile(stated);
                return new RecordingFile(file, name, profile, problem);
            }

            if (string.Equals(System.IO.Path.GetFullPath(dir).TrimEnd('/'), root.TrimEnd('/'), StringComparison.Ordinal))
            {
                break;
            }
        }

        return new RecordingFile(file, name, DefaultProfile, null);
    }

    private static (string? Profile, string? Problem) ReadProfile(string path)
    {
        try
        {
            var root = JToken.Parse(File.ReadAllText(path));
            return root["profile"] is { Type: JTokenType.String } profile && !string.IsNullOrWhiteSpace((string?)profile)
                ? ((string?)profile, null)
                : (null, $"{path} does not state a \"profile\" string");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return (null, $"{path} cannot be read as JSON: {e.Message}");
        }
    }
}
