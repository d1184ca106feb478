using Conformance.Core.Baselines;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class BaselineTests
{
    [Test]
    public void Loads_deviations()
    {
        using var folder = new TempFolder();
        var path = folder.Write("b.json", """{"deviations": [{"recording": "a.har#0", "rule": "links.rel", "reason": "why"}]}""");

        Baseline.Load(path).Find("a.har#0", "links.rel")!.Reason.Should().Be("why");
    }

    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.nope", "reason": "x"}]}""", "deviation 0 (line 1): names the unknown rule 'links.nope'*")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.rel"}]}""", "deviation 0 (line 1): needs \"reason\"*")]
    [TestCase("""{"known": []}""", "has no \"deviations\" array")]
    [TestCase("""{"deviations": [""", "is not valid JSON*")]
    public void Rejects_a_malformed_baseline_naming_the_problem(string text, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Write("b.json", text);

        var load = () => Baseline.Load(path);

        load.Should().Throw<InvalidDataException>().WithMessage($"Baseline {path}*{problem}");
    }

    [TestCase("nova-local/a.har#0", "a.har#0", true)]
    [TestCase("a.har#0", "fixtures/nova-local/a.har#0", true)]
    [TestCase("nova-local/a.har#0", "nova-local/a.har#0", true)]
    [TestCase("local/a.har#0", "nova-local/a.har#0", false)]
    [TestCase("nova-local/a.har#0", "nova-local/a.har#1", false)]
    [TestCase("nova-local/a.har#0", "b/a.har#0", false)]
    public void Matches_recordings_on_whole_path_segments(string listed, string judged, bool same)
    {
        Assert.That(Baseline.SameRecording(listed, judged), Is.EqualTo(same));
    }

    [Test]
    public void The_bundled_baseline_names_only_known_rules()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "baseline.json");

        Baseline.Load(path).Deviations.Should().NotBeEmpty();
    }
}
