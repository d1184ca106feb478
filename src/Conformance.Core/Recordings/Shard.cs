using System.Globalization;
using System.Text;

namespace Conformance.Core.Recordings;

/// <summary>
/// The k-th of n parts of a recording set, so that n runs (CI jobs) judge it together. Every entry goes to the same
/// part every time: the part follows the recording file and the image the entry is about (the id after the last
/// <c>/images/</c> of its URL's path, percent-decoded, as the cross-checks read it), so that the exchanges cross-checks compare (v2 and v2.1 answers of one image, the
/// image service's record of it) are judged in the same part; an entry about no image follows its file and index.
/// </summary>
/// <param name="Index">Which part, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">How many parts, from 1 to 1000.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Reads <c>k/n</c> (1 ≤ k ≤ n ≤ 1000); false (and null) for anything else.</summary>
    /// <param name="text">The setting's text, such as <c>2/4</c>.</param>
    /// <param name="shard">The part when it reads.</param>
    public static bool TryParse(string text, out Shard? shard)
    {
        shard = null;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n is < 1 or > 1000 || k < 1 || k > n)
        {
            return false;
        }

        shard = new Shard(k, n);
        return true;
    }

    /// <summary>Whether the entry belongs to this part.</summary>
    public bool Holds(string file, int entry, string url)
    {
        if (Count == 1)
        {
            return true;
        }

        // The image id as the cross-checks read it: the segment after the last /images/ of the path, percent-decoded
        // (an image service mounted under a path such as /images/v2/images/{id} names the same image).
        var query = url.IndexOfAny(['?', '#']);
        var path = query < 0 ? url : url[..query];
        var at = path.LastIndexOf("/images/", StringComparison.Ordinal);
        string key;
        if (at >= 0)
        {
            var id = path[(at + "/images/".Length)..];
            var end = id.IndexOf('/', StringComparison.Ordinal);
            key = $"{file}\n{Uri.UnescapeDataString(end < 0 ? id : id[..end]).ToLowerInvariant()}";
        }
        else
        {
            key = $"{file}\n#{entry}";
        }

        return Part(key) == Index - 1;
    }

    /// <summary>The part as <c>k/n</c>.</summary>
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>FNV-1a over the key's UTF-8 bytes: the same part on every machine and run.</summary>
    private int Part(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)Count);
    }
}
