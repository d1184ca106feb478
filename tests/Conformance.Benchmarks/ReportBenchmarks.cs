using BenchmarkDotNet.Attributes;
using Conformance.Core.Baselines;
using Conformance.Core.Contracts;
using Conformance.Core.Recordings;
using Conformance.Reporting;
using System.Text.Json;

namespace Conformance.Benchmarks;

/// <summary>
/// What an Allure result costs the run apart from the disk: mapping one judged exchange to its result(s) and
/// serialising them, per check group (the default shape) and per exchange.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ExchangeCase _exchange = null!;
    private Profile _profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var catalog = new ProfileCatalog(Path.Combine(baseDirectory, "schemas"));
        _profile = catalog.Get("nova");
        var items = RecordedRun.Judge(Path.Combine(baseDirectory, "nova-v21-show-active.har"), "nova", Baseline.Empty, catalog);
        _exchange = ExchangeCase.ByExchange(items).OfType<ExchangeCase>().Single();
    }

    [Benchmark(Description = "Allure results of one exchange, one per check group (map + serialise)")]
    public int PerGroup()
    {
        var length = 0;
        foreach (var group in _exchange.Groups)
        {
            length += JsonSerializer.SerializeToUtf8Bytes(GroupResultMapper.Map(group, _profile, "bench", [], null, 0, 0), AllureJsonContext.Default.AllureResult).Length;
        }

        return length;
    }

    [Benchmark(Description = "map only")]
    public int MapOnly() => GroupResultMapper.MapExchange(_exchange, _profile, "bench", [], null, 0, 0).Steps.Count;

    [Benchmark(Description = "Allure result of one exchange, one for the exchange (map + serialise)")]
    public int PerExchange() => JsonSerializer.SerializeToUtf8Bytes(GroupResultMapper.MapExchange(_exchange, _profile, "bench", [], null, 0, 0), AllureJsonContext.Default.AllureResult).Length;
}
