using Conformance.Core.Har;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Recordings;

/// <summary>
/// The HAR files of a run: one file, or every <c>*.har</c> under a folder. Each file's profile is the override
/// when one is given, else what the nearest <c>conformance.json</c> in its folder (or a parent up to the root)
/// states, else <c>nova</c>.
/// </summary>
/// <remarks>
/// The folder walk follows symbolic links but reads every real folder and file once (by device and inode): the
/// folders reached without a link first, then those behind links, so a file keeps its link-free name when it has
/// one, and a loop of links ends. What cannot be read (a folder that cannot be listed, a dangling link named
/// <c>*.har</c>, a FIFO) is listed with its <see cref="RecordingFile.Problem"/> instead of stopping the walk.
/// </remarks>
public static class RecordingSet
{
    /// <summary>The file in a folder (or a parent) that names the profile of the recordings under it.</summary>
    public const string FolderFile = "conformance.json";
    /// <summary>The profile of a recording no override or <see cref="FolderFile"/> names.</summary>
    public const string DefaultProfile = "nova";

    /// <summary>
    /// The recordings at <paramref name="path"/>: the file itself, or every <c>*.har</c> under the folder, each with its
    /// profile; a file or folder that cannot be read is listed with its problem rather than thrown.
    /// </summary>
    /// <param name="path">A HAR file or a folder.</param>
    /// <param name="profileOverride">The profile for every file; null: each from its <see cref="FolderFile"/>, else <see cref="DefaultProfile"/>.</param>
    public static IReadOnlyList<RecordingFile> Find(string path, string? profileOverride)
    {
        if (File.Exists(path))
        {
            var full = System.IO.Path.GetFullPath(path);
            var root = System.IO.Path.GetDirectoryName(full)!;
            return [Describe(full, System.IO.Path.GetFileName(full), root, profileOverride) with { Problem = HarFileStatus.Problem(full, System.IO.Path.GetFileName(full)) }];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"No recording file or folder at '{path}'", path);
        }

        return new Walk(System.IO.Path.GetFullPath(path), profileOverride).Run()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static RecordingFile Describe(string file, string name, string root, string? profileOverride)
    {
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
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{path} cannot be read as JSON: {e.Message}");
        }
    }

    /// <summary>One walk of a folder tree; paths are the walked (logical) ones, names are relative to the root.</summary>
    private sealed class Walk(string root, string? profileOverride)
    {
        private readonly List<RecordingFile> _found = [];
        private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
        private readonly HashSet<string> _files = new(StringComparer.Ordinal);
        private readonly Queue<(string Path, string Name)> _linkedFolders = new();
        private readonly List<(string Path, string Name, HarFileNode Target)> _linkedFiles = [];

        public List<RecordingFile> Run()
        {
            _folders.Add(HarFileStatus.Stat(root, follow: true).Key);
            Tree(root, string.Empty);
            while (_linkedFolders.TryDequeue(out var link))
            {
                var target = HarFileStatus.Stat(link.Path, follow: true);
                if (target.Kind == HarFileKind.Directory && _folders.Add(target.Key))
                {
                    Tree(link.Path, link.Name);
                }
            }

            foreach (var (path, name, target) in _linkedFiles.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (target.Error is not null)
                {
                    Add(path, name, HarFileStatus.Unresolvable(path, name, target));
                }
                else if (_files.Add(target.Key))
                {
                    Add(path, name, HarFileStatus.KindProblem(target, name));
                }
            }

            return _found;
        }

        /// <summary>The folders under <paramref name="top"/> that are reached without a link, depth first; links wait.</summary>
        private void Tree(string top, string topName)
        {
            var pending = new Stack<(string Path, string Name)>();
            pending.Push((top, topName));
            while (pending.TryPop(out var folder))
            {
                List<string> children;
                try
                {
                    children = Directory.EnumerateFileSystemEntries(folder.Path).Order(StringComparer.Ordinal).ToList();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
                {
                    var name = folder.Name.Length == 0 ? "." : folder.Name + "/";
                    _found.Add(new RecordingFile(folder.Path, name, profileOverride ?? DefaultProfile, null) { Problem = $"{name} is a folder that cannot be read: {e.Message}" });
                    continue;
                }

                var subfolders = new List<(string Path, string Name)>();
                foreach (var path in children)
                {
                    var leaf = System.IO.Path.GetFileName(path);
                    var name = folder.Name.Length == 0 ? leaf : $"{folder.Name}/{leaf}";
                    var isHar = leaf.EndsWith(".har", StringComparison.Ordinal);
                    var node = HarFileStatus.Stat(path, follow: false);
                    switch (node.Kind)
                    {
                        case HarFileKind.Directory:
                            if (_folders.Add(node.Key))
                            {
                                subfolders.Add((path, name));
                            }

                            break;
                        case HarFileKind.Symlink:
                            var target = HarFileStatus.Stat(path, follow: true);
                            if (target.Kind == HarFileKind.Directory)
                            {
                                _linkedFolders.Enqueue((path, name));
                            }
                            else if (isHar)
                            {
                                _linkedFiles.Add((path, name, target));
                            }

                            break;
                        case HarFileKind.Missing:
                            if (isHar)
                            {
                                Add(path, name, HarFileStatus.Unresolvable(path, name, node));
                            }

                            break;
                        default:
                            if (isHar && _files.Add(node.Key))
                            {
                                Add(path, name, HarFileStatus.KindProblem(node, name));
                            }

                            break;
                    }
                }

                for (var i = subfolders.Count - 1; i >= 0; i--)
                {
                    pending.Push(subfolders[i]);
                }
            }
        }

        private void Add(string path, string name, string? problem) =>
            _found.Add(Describe(path, name, root, profileOverride) with { Problem = problem });
    }
}
