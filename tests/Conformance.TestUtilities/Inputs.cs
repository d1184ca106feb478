using System.Diagnostics;
using Conformance.Core.Har;
using Conformance.Core.Recordings;

namespace Conformance.TestUtilities;

/// <summary>Hostile recordings on disk (links, FIFOs, odd names) and a reading of a folder as a recorded run reads it.</summary>
public static class Inputs
{
    /// <summary>What reading one listed file gave: its entries (exchanges and entry problems) and the file's problem.</summary>
    public sealed record FileOutcome(RecordingFile File, IReadOnlyList<HarEntry> Entries, string? Problem);

    public static bool IsRoot { get; } = Run("id", "-u").Trim() == "0";

    /// <summary>
    /// Lists a folder and reads every file the way a recorded run does: a listed problem is the file's, a
    /// <see cref="HarFormatException"/> ends that file only. Each file must be done within the timeout.
    /// </summary>
    public static IReadOnlyDictionary<string, FileOutcome> ReadFolder(string path, TimeSpan? timeout = null)
    {
        var outcomes = new Dictionary<string, FileOutcome>(StringComparer.Ordinal);
        foreach (var file in Within(() => RecordingSet.Find(path, null), timeout))
        {
            outcomes[file.Name] = file.Problem is not null ? new FileOutcome(file, [], file.Problem) : Within(() => ReadFile(file), timeout);
        }

        return outcomes;
    }

    public static FileOutcome ReadFile(RecordingFile file)
    {
        var entries = new List<HarEntry>();
        try
        {
            foreach (var entry in HarReader.Read(file.Path, file.Name))
            {
                entries.Add(entry);
            }
        }
        catch (HarFormatException e)
        {
            return new FileOutcome(file, entries, e.Message);
        }

        return new FileOutcome(file, entries, null);
    }

    /// <summary>Runs <paramref name="work"/> on another thread and fails the test when it is not done in time.</summary>
    public static T Within<T>(Func<T> work, TimeSpan? timeout = null)
    {
        var task = Task.Run(work);
        if (!task.Wait(timeout ?? TimeSpan.FromSeconds(60)))
        {
            Assert.Fail($"not done within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s: the reader waits or reads without end");
        }

        return task.GetAwaiter().GetResult();
    }

    public static void MakeFifo(string path) => Run("mkfifo", path);

    /// <summary>A file whose name holds the byte 0xFF, which is not UTF-8 (made by the shell: .NET names are UTF-8).</summary>
    public static void MakeFileWithNonUtf8Name(string folder, string content)
    {
        var sample = System.IO.Path.Combine(folder, "sample.tmp");
        File.WriteAllText(sample, content);
        Run("sh", "-c", "mv sample.tmp \"$(printf 'bad\\377name.har')\"", folder);
    }

    public static string Run(string program, params string[] arguments) => Run(program, arguments, null);

    private static string Run(string program, string a, string b, string folder) => Run(program, [a, b], folder);

    private static string Run(string program, string[] arguments, string? folder)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder ?? string.Empty };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        }

        return output;
    }
}
