using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>What the checks of one exchange share: the exchange, its request, the profile and the parsed body.</summary>
public sealed class JudgeContext
{
    /// <summary>Deeper JSON than this (arrays and objects within each other) is refused rather than parsed.</summary>
    public const int MaxBodyDepth = 64;

    private StrictJson.Result? _body;
    private bool _imageFound;
    private JObject? _image;

    /// <summary>The shared state of one exchange; the body is parsed once, on first use (the checks of one exchange run on one thread).</summary>
    /// <param name="exchange">The exchange being judged.</param>
    /// <param name="request">The request parsed from its URL.</param>
    /// <param name="profile">The profile it is judged under.</param>
    public JudgeContext(Exchange exchange, ImageDetailsRequest request, Profile profile)
    {
        Exchange = exchange;
        Request = request;
        Profile = profile;
    }

    /// <summary>The exchange being judged.</summary>
    public Exchange Exchange { get; }

    /// <summary>The request as parsed from the exchange's URL: API version, project and image id.</summary>
    public ImageDetailsRequest Request { get; }

    /// <summary>The profile whose documents the exchange is judged against.</summary>
    public Profile Profile { get; }

    /// <summary>The exchange's response.</summary>
    public RecordedResponse Response => Exchange.Response;

    /// <summary>The body as JSON, or null when it is not JSON (see <see cref="BodyProblem"/>).</summary>
    public JToken? Body => Parsed.Value;

    /// <summary>Why the body is not JSON (RFC 8259), with where, when it is not.</summary>
    public string? BodyProblem => Parsed.Problem;

    /// <summary>The numbers of the body that no 64-bit type holds, where they are.</summary>
    public IReadOnlyList<OutOfRangeNumber> OutOfRange => Parsed.OutOfRange;

    /// <summary>Where the image's fields and the items of its arrays are written in the body (see <see cref="StrictJson.Result.Values"/>).</summary>
    public IReadOnlyList<StrictJson.ValueText> ValueTexts => Parsed.Values;

    /// <summary>The <c>image</c> object of a body shaped <c>{"image": {...}}</c>, else null.</summary>
    public JObject? Image
    {
        get
        {
            if (!_imageFound)
            {
                _image = Body is JObject root && root["image"] is JObject image ? image : null;
                _imageFound = true;
            }

            return _image;
        }
    }

    private StrictJson.Result Parsed => _body ??= Parse(Exchange.Response);

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

    private static StrictJson.Result Parse(RecordedResponse response)
    {
        if (response.BodyProblem is not null)
        {
            return new StrictJson.Result(null, response.BodyProblem, []);
        }

        if (string.IsNullOrWhiteSpace(response.Body))
        {
            return new StrictJson.Result(null, "the body is empty", []);
        }

        var result = StrictJson.Parse(response.Body, MaxBodyDepth);
        return result.Problem is null ? result : result with { Problem = "not JSON: " + result.Problem };
    }
}
