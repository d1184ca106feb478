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
/// judged before (the schema's verdict comes from its memo, as for a client polling one image) and on a body never
/// seen (8,192 variants of the same document, each with its own name, far more than the memo's 512 slots).
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
    private int _next;

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
        _variants = [.. Enumerable.Range(0, 8192).Select(i => _exchange with
        {
            Response = _exchange.Response with { Body = _exchange.Response.Body.Replace("\"fakeimage7\"", $"\"fakeimage7-{i:D5}\"", StringComparison.Ordinal) },
        })];
        if (_variants.Select(v => v.Response.Body).Distinct(StringComparer.Ordinal).Count() != _variants.Length)
        {
            throw new InvalidOperationException("the variants are not distinct bodies");
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

    [Benchmark(Description = "all checks, a body never seen (ExchangeJudge)")]
    public int AllChecksNewBody()
    {
        var exchange = _variants[_next];
        _next = (_next + 1) % _variants.Length;
        return _judge.Judge(exchange, _request, _profile).Violations.Count;
    }
}
