using System.Text.RegularExpressions;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests.Corpus;

/// <summary>
/// The real responses of <c>shared/corpus/real/</c> as exchanges: each image (a file's single image, or each
/// element of a list) becomes the body of an image-details GET whose URL is taken from the image's own self link.
/// Those samples carry no headers, so header rules are not judged on them. Samples from before the v2 name
/// (<c>/v1.1/</c>) are requested as v2, which they were renamed to.
/// </summary>
public static partial class RealCorpus
{
    /// <summary>The folder, from CONFORMANCE_SHARED or the <c>shared</c> folder beside the repository.</summary>
    public static string? Folder()
    {
        var shared = Environment.GetEnvironmentVariable("CONFORMANCE_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
                {
                    shared = Path.Combine(dir.FullName, "..", "shared");
                    break;
                }
            }
        }

        var folder = shared is null ? null : Path.GetFullPath(Path.Combine(shared, "corpus", "real"));
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The profile a sample is judged under: the contract of the cloud it came from.</summary>
    public static string ProfileOf(string file) => file switch
    {
        _ when file.StartsWith("otc-docs__", StringComparison.Ordinal) => "huawei-ecs",
        _ when file.Contains("rackspace", StringComparison.Ordinal) => "rackspace",
        _ => "nova",
    };

    public static IEnumerable<(string Name, Exchange Exchange)> Exchanges(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var root = JObject.Parse(File.ReadAllText(path));
            var images = root["image"] is JObject single ? [single] : ((JArray?)root["images"])?.OfType<JObject>().ToList() ?? [];
            for (var i = 0; i < images.Count; i++)
            {
                var image = images[i];
                var body = root["image"] is JObject ? File.ReadAllText(path) : new JObject { ["image"] = image }.ToString(Newtonsoft.Json.Formatting.None);
                var name = root["image"] is JObject ? file : $"{file}[{i}]";
                var response = new RecordedResponse(200, "OK", new HeaderList([new("Content-Type", "application/json")]), body, HeadersRecorded: false);
                yield return (name, new Exchange(file, i, new RecordedRequest("GET", RequestUrl(image), HeaderList.Empty), response));
            }
        }
    }

    [GeneratedRegex("/v1\\.1/")]
    private static partial Regex OldVersion();

    private static string RequestUrl(JObject image)
    {
        var self = (image["links"] as JArray)?.OfType<JObject>().FirstOrDefault(l => (string?)l["rel"] == "self");
        if (self?["href"] is { Type: JTokenType.String } href)
        {
            return OldVersion().Replace((string)href!, "/v2/");
        }

        return $"https://compute.invalid/v2/project/images/{(string?)image["id"] ?? "unknown"}";
    }
}
