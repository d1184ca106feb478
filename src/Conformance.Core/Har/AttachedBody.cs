using System.Text;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Har;

/// <summary>
/// A response body kept beside the HAR file rather than inside it (<c>content._file</c>, as Playwright's
/// <c>content: "attach"</c> mode writes). The name is read relative to the HAR file's folder and must stay inside
/// it: no absolute path, no <c>..</c>, no symbolic link on the way, a regular file only, at most
/// <see cref="RecordedResponse.MaxBodyBytes"/> of it read, UTF-8 text only.
/// </summary>
internal static class AttachedBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string Body, string? Problem, string? NotRecorded) Read(JToken file, string? folder)
    {
        if (file.Type != JTokenType.String || string.IsNullOrEmpty((string?)file))
        {
            return (string.Empty, null, "the body's \"content._file\" is not a file name");
        }

        var name = (string)file!;
        var shown = JsonConvert.ToString(name.Length <= 200 ? name : name[..200] + "...");
        if (folder is null)
        {
            return (string.Empty, null, $"the body is kept in the file {shown} beside the HAR file, which cannot be reached when the HAR is read from a stream");
        }

        if (Path.IsPathRooted(name) || name.Contains('\0', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return (string.Empty, null, $"the body's file {shown} is not a plain name relative to the HAR file; the suite reads attached bodies only from the HAR file's folder");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is "." or ".."))
        {
            return (string.Empty, null, $"the body's file {shown} leaves or names the HAR file's folder; the suite reads attached bodies only from inside it");
        }

        var path = folder;
        foreach (var segment in segments)
        {
            path = Path.Combine(path, segment);
            var node = HarFileStatus.Stat(path, follow: false);
            if (node.Kind == HarFileKind.Symlink)
            {
                return (string.Empty, null, $"the body's file {shown} passes through a symbolic link; the suite follows no link out of the HAR file's folder");
            }

            if (node.Error is not null || node.Kind == HarFileKind.Missing)
            {
                return (string.Empty, null, $"the body's file {shown} is missing beside the HAR file");
            }
        }

        if (HarFileStatus.Stat(path, follow: false).Kind != HarFileKind.Regular)
        {
            return (string.Empty, null, $"the body's file {shown} is not a regular file; the suite reads attached bodies only from regular files");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[(int)Math.Min(stream.Length, RecordedResponse.MaxBodyBytes) + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            var kept = Math.Min(read, RecordedResponse.MaxBodyBytes);
            string text;
            try
            {
                text = StrictUtf8.GetString(buffer, 0, kept);
            }
            catch (DecoderFallbackException) when (read > kept)
            {
                text = Encoding.UTF8.GetString(buffer, 0, kept);
            }
            catch (DecoderFallbackException e)
            {
                return (string.Empty, $"the body's file {shown} is not UTF-8 text (byte {e.Index})", null);
            }

            return read > kept
                ? (text, $"the body's file {shown} is larger than {RecordedResponse.MaxBodyBytes / (1024 * 1024)} MiB; the suite judges bodies of at most that size", null)
                : (text, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (string.Empty, null, $"the body's file {shown} cannot be read: {e.Message}");
        }
    }
}
