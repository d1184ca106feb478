using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>What the checks of one exchange share: the exchange, its request, the profile and the parsed body.</summary>
public sealed class JudgeContext
{
    /// <summary>Deeper JSON than this is refused rather than parsed (a hostile body cannot exhaust the stack).</summary>
    public const int MaxBodyDepth = 64;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    private readonly Lazy<(JToken? Body, string? Problem)> _body;

    public JudgeContext(Exchange exchange, ImageDetailsRequest request, Profile profile)
    {
        Exchange = exchange;
        Request = request;
        Profile = profile;
        _body = new Lazy<(JToken?, string?)>(() => Parse(exchange.Response));
    }

    public Exchange Exchange { get; }

    public ImageDetailsRequest Request { get; }

    public Profile Profile { get; }

    public RecordedResponse Response => Exchange.Response;

    /// <summary>The body as JSON, or null when it is not JSON (see <see cref="BodyProblem"/>).</summary>
    public JToken? Body => _body.Value.Body;

    public string? BodyProblem => _body.Value.Problem;

    /// <summary>The <c>image</c> object of a body shaped <c>{"image": {...}}</c>, else null.</summary>
    public JObject? Image => Body is JObject root && root["image"] is JObject image ? image : null;

    /// <summary>A JSON value as a person should read it in a report, cut to a readable length.</summary>
    public static string Show(JToken? token)
    {
        if (token is null)
        {
            return "nothing";
        }

        var text = token.ToString(Formatting.None);
        return text.Length <= 160 ? text : text[..157] + "...";
    }

    /// <summary>A body excerpt for a report.</summary>
    public static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 120 ? flat : flat[..117] + "...";
    }

    private static (JToken?, string?) Parse(RecordedResponse response)
    {
        if (response.BodyProblem is not null)
        {
            return (null, response.BodyProblem);
        }

        if (string.IsNullOrWhiteSpace(response.Body))
        {
            return (null, "the body is empty");
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(response.Body))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxBodyDepth,
            };
            var token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read())
            {
                return (null, $"there is more after the JSON value (line {reader.LineNumber}, position {reader.LinePosition})");
            }

            return (token, null);
        }
        catch (JsonException e)
        {
            return (null, "not JSON: " + JsonMessages.Clean(e.Message));
        }
    }
}
