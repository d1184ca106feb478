using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.TestUtilities;

/// <summary>Writes HAR 1.2 text for tests.</summary>
public static class HarText
{
    public static JObject Entry(Exchange exchange) => new()
    {
        ["startedDateTime"] = "2026-11-22T00:00:00.000Z",
        ["time"] = 0,
        ["request"] = new JObject
        {
            ["method"] = exchange.Request.Method,
            ["url"] = exchange.Request.Url,
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = Headers(exchange.Request.Headers),
            ["queryString"] = new JArray(),
            ["cookies"] = new JArray(),
            ["headersSize"] = -1,
            ["bodySize"] = 0,
        },
        ["response"] = new JObject
        {
            ["status"] = exchange.Response.Status,
            ["statusText"] = exchange.Response.StatusText,
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = Headers(exchange.Response.Headers),
            ["cookies"] = new JArray(),
            ["content"] = new JObject { ["size"] = exchange.Response.Body.Length, ["mimeType"] = "application/json", ["text"] = exchange.Response.Body },
            ["redirectURL"] = string.Empty,
            ["headersSize"] = -1,
            ["bodySize"] = exchange.Response.Body.Length,
        },
        ["cache"] = new JObject(),
        ["timings"] = new JObject { ["send"] = 0, ["wait"] = 0, ["receive"] = 0 },
    };

    public static string Of(params JObject[] entries) => new JObject
    {
        ["log"] = new JObject
        {
            ["version"] = "1.2",
            ["creator"] = new JObject { ["name"] = "tests", ["version"] = "1" },
            ["entries"] = new JArray(entries),
        },
    }.ToString(Formatting.Indented);

    /// <summary>A conformant Nova exchange as one HAR entry.</summary>
    public static JObject Good() => Entry(Draft.Nova().ToExchange());

    /// <summary>HAR text around entries given as raw JSON text (which may be anything, valid or not).</summary>
    public static string Raw(params string[] entries) =>
        """{"log": {"version": "1.2", "creator": {"name": "tests", "version": "1"}, "entries": [""" + string.Join(",\n", entries) + "]}}";

    /// <summary>Streams a HAR of <paramref name="count"/> copies of an entry to a file without building it in memory.</summary>
    public static void WriteMany(string path, JObject entry, int count)
    {
        using var writer = new StreamWriter(path);
        writer.Write("""{"log": {"version": "1.2", "creator": {"name": "tests", "version": "1"}, "entries": [""");
        var text = entry.ToString(Formatting.None);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(text);
        }

        writer.Write("]}}");
    }

    private static JArray Headers(HeaderList headers) =>
        new(headers.Items.Select(h => new JObject { ["name"] = h.Key, ["value"] = h.Value }));
}
