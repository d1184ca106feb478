using System.Text;
using BenchmarkDotNet.Attributes;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace Conformance.Benchmarks;

/// <summary>
/// The cost of judging one real Nova exchange (all checks), next to the floor of parsing the same bytes with
/// System.Text.Json, and next to NJsonSchema's validation of the body alone. All checks are measured twice: on a body
/// judged before (the body checks' findings come from the judge's memo, as for a client polling one image) and on
/// bodies never seen: 1,024 variants of the same document, twice the memo's 512 slots, so that none is found in it,
/// each with a name of its own ("another name"), or each another image with its own id in the URL and the links, its
/// own name, times and size ("another image"). 1,024 bodies stay in the processor's cache as a body just read does.
/// </summary>
[MemoryDiagnoser]
public class JudgeBenchmarks
{
    private Exchange _exchange = null!;
    private ImageDetailsRequest _request = null!;
    private Profile _profile = null!;
    private byte[] _bytes = null!;
    private JsonSchemaValidator _validator = null!;
    private readonly ExchangeJudge _judge = new();
    private Exchange[] _variants = null!;
    private (Exchange Exchange, ImageDetailsRequest Request)[] _images = null!;
    private int _next;
    private int _nextImage;

    /// <summary>How many distinct bodies the never-seen benchmarks go through in turn.</summary>
    public const int Variants = 1024;

    [GlobalSetup]
    public void Setup()
    {
        var baseDirectory = AppContext.BaseDirectory;
        _exchange = HarReader.Read(Path.Combine(baseDirectory, "nova-v21-show-active.har"), "bench.har").Single().Exchange!;
        ImageDetailsRequest.TryParse(_exchange.Request.Method, _exchange.Request.Url, out var request, out _);
        _request = request!;
        _profile = new ProfileCatalog(Path.Combine(baseDirectory, "schemas")).Get("nova");
        _bytes = Encoding.UTF8.GetBytes(_exchange.Response.Body);
        var settings = new JsonSchemaValidatorSettings();
        settings.FormatValidators = settings.FormatValidators.Where(v => v.Format != "date-time").ToArray();
        settings.AddCustomFormatValidator(new StrictDateTimeFormatValidator());
        _validator = new JsonSchemaValidator(settings);
        _variants = [.. Enumerable.Range(0, Variants).Select(i => _exchange with
        {
            Response = _exchange.Response with { Body = _exchange.Response.Body.Replace("\"fakeimage7\"", $"\"fakeimage7-{i:D5}\"", StringComparison.Ordinal) },
        })];
        _images = [.. Enumerable.Range(0, Variants).Select(AnotherImage)];
        if (_variants.Select(v => v.Response.Body).Distinct(StringComparer.Ordinal).Count() != Variants
            || _images.Select(v => v.Exchange.Response.Body).Distinct(StringComparer.Ordinal).Count() != Variants)
        {
            throw new InvalidOperationException("the variants are not distinct bodies");
        }

        if (_judge.Judge(_images[1].Exchange, _images[1].Request, _profile).Violations.Count != 0)
        {
            throw new InvalidOperationException("another image is not a conformant exchange: " + string.Join("; ", _judge.Judge(_images[1].Exchange, _images[1].Request, _profile).Violations));
        }
    }

    [Benchmark(Baseline = true, Description = "parse only (System.Text.Json)")]
    public int ParseOnly()
    {
        using var document = System.Text.Json.JsonDocument.Parse(_bytes);
        return document.RootElement.GetProperty("image").GetPropertyCount();
    }

    [Benchmark(Description = "NJsonSchema validation only")]
    public int SchemaOnly() => _validator.Validate(JToken.Parse(_exchange.Response.Body), _profile.Schema).Count;

    [Benchmark(Description = "all checks, a body judged before (ExchangeJudge)")]
    public int AllChecks() => _judge.Judge(_exchange, _request, _profile).Violations.Count;

    [Benchmark(Description = "all checks, a body never seen: another name (ExchangeJudge)")]
    public int AllChecksNewBody()
    {
        var exchange = _variants[_next];
        _next = (_next + 1) % _variants.Length;
        return _judge.Judge(exchange, _request, _profile).Violations.Count;
    }

    [Benchmark(Description = "all checks, a body never seen: another image (ExchangeJudge)")]
    public int AllChecksNewImage()
    {
        var (exchange, request) = _images[_nextImage];
        _nextImage = (_nextImage + 1) % _images.Length;
        return _judge.Judge(exchange, request, _profile).Violations.Count;
    }

    /// <summary>The exchange for another image: its id (in the URL and the links), name, times and size its own.</summary>
    private (Exchange, ImageDetailsRequest) AnotherImage(int i)
    {
        var id = ImageIdOf(_exchange);
        var other = $"{i:x8}-0000-4000-8000-{i:x12}";
        var created = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i);
        var body = _exchange.Response.Body.Replace(id, other, StringComparison.Ordinal)
            .Replace("\"fakeimage7\"", $"\"image-{i:D5}\"", StringComparison.Ordinal);
        var document = Newtonsoft.Json.Linq.JObject.Parse(body);
        var image = (Newtonsoft.Json.Linq.JObject)document["image"]!;
        image["created"] = created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        image["updated"] = created.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        image["OS-EXT-IMG-SIZE:size"] = 25165824L + i;
        var exchange = _exchange with
        {
            Request = _exchange.Request with { Url = _exchange.Request.Url.Replace(id, other, StringComparison.Ordinal) },
            Response = _exchange.Response with { Body = document.ToString(Newtonsoft.Json.Formatting.None) },
        };
        ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out _);
        return (exchange, request!);
    }

    private static string ImageIdOf(Exchange exchange) => exchange.Request.Url[(exchange.Request.Url.LastIndexOf('/') + 1)..];
}
