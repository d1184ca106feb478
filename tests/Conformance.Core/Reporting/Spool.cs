using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Conformance.Core.Reporting;

/// <summary>
/// One temporary file that holds many texts end to end, so a run can keep what each exchange's report needs on disk
/// rather than in memory without creating a file per exchange. Appending and reading are safe from any thread.
/// The file is deleted when the spool is disposed (on Linux and macOS at once, so even a killed run leaves none).
/// </summary>
public sealed class Spool : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SafeFileHandle _file;
    private long _end;

    public Spool(string? directory = null)
    {
        Path = System.IO.Path.Combine(directory ?? System.IO.Path.GetTempPath(), $"conformance-spool-{Guid.NewGuid():N}.txt");
        _file = File.OpenHandle(Path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unlinked at once: the open handle keeps it readable, and a run that is killed leaves nothing behind.
            File.Delete(Path);
        }
    }

    public string Path { get; }

    /// <summary>A text kept in the spool.</summary>
    public readonly record struct Entry(long Offset, int Length);

    public Entry Append(string text)
    {
        var bytes = Utf8.GetBytes(text);
        var offset = Interlocked.Add(ref _end, bytes.Length) - bytes.Length;
        RandomAccess.Write(_file, bytes, offset);
        return new Entry(offset, bytes.Length);
    }

    public byte[] Read(Entry entry)
    {
        var bytes = new byte[entry.Length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(_file, bytes.AsSpan(read), entry.Offset + read);
            if (n == 0)
            {
                throw new IOException($"The spool {Path} ends before the text at {entry.Offset} ({entry.Length} bytes).");
            }

            read += n;
        }

        return bytes;
    }

    public string ReadText(Entry entry) => Utf8.GetString(Read(entry));

    public void Dispose() => _file.Dispose();
}
