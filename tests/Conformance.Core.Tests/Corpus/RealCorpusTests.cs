using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.TestUtilities;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests.Corpus;

/// <summary>
/// The whole real corpus: nothing crashes, and every image gets exactly the failing rules that
/// <c>real-corpus-verdicts.json</c> predicts (written down per sample, with the reason, from schemas/DERIVATION.md).
/// </summary>
public sealed class RealCorpusTests
{
    private static readonly string ExpectedPath = Path.Combine(AppContext.BaseDirectory, "Corpus", "real-corpus-verdicts.json");

    [Test]
    public void Every_sample_gets_the_predicted_verdict()
    {
        var folder = RealCorpus.Folder();
        if (folder is null)
        {
            Assert.Ignore("shared/corpus/real is not beside the repository (set CONFORMANCE_SHARED to its parent's parent)");
        }

        var expected = JObject.Parse(File.ReadAllText(ExpectedPath))["samples"]!.ToObject<Dictionary<string, JObject>>()!;
        var actual = Judge(folder!);
        var dump = Environment.GetEnvironmentVariable("CONFORMANCE_DUMP_CORPUS");
        if (!string.IsNullOrEmpty(dump))
        {
            File.WriteAllText(dump, JsonConvert.SerializeObject(actual, Formatting.Indented));
        }

        Assert.Multiple(() =>
        {
            Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), "samples in the corpus vs samples with a predicted verdict");
            foreach (var (name, verdict) in actual)
            {
                if (expected.TryGetValue(name, out var prediction))
                {
                    Assert.That((string?)prediction["profile"], Is.EqualTo(verdict.Profile), $"{name}: profile");
                    Assert.That(verdict.Failures, Is.EqualTo(prediction["failures"]!.ToObject<string[]>()), $"{name}: failing rules");
                    Assert.That(verdict.Warnings, Is.EqualTo(prediction["warnings"]!.ToObject<string[]>()), $"{name}: warning rules");
                }
            }
        });
    }

    private static SortedDictionary<string, Outcome> Judge(string folder)
    {
        var result = new SortedDictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var (name, exchange) in RealCorpus.Exchanges(folder))
        {
            var profile = RealCorpus.ProfileOf(exchange.Source);
            if (!ImageDetailsRequest.TryParse("GET", exchange.Request.Url, out var request, out var reason))
            {
                Assert.Fail($"{name}: request URL {exchange.Request.Url} not recognised: {reason}");
            }

            var verdict = new ExchangeJudge().Judge(exchange, request!, Samples.Profiles.Get(profile));
            result[name] = new Outcome(
                profile,
                verdict.Failures.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToArray(),
                verdict.Violations.Where(v => v.Severity == Severity.Warning).Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToArray());
        }

        return result;
    }

    private sealed record Outcome(string Profile, string[] Failures, string[] Warnings);
}
