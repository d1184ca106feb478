using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class HarWriterTests
{
    private const string Canary = "gAAAAA-canary-9d8e7f";

    [Test]
    public void Round_trips_exchanges_probes_and_transport_errors_with_secrets_redacted()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "run.har");
        var keystone = new Exchange(
            "x",
            0,
            new RecordedRequest("POST", "http://127.0.0.1:15000/v3/auth/tokens", new HeaderList([new("Content-Type", "application/json")]))
            {
                Body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"u\", \"password\": \"" + Canary + "\"}}}}}",
            },
            new RecordedResponse(201, "Created", new HeaderList([new("X-Subject-Token", Canary)]), """{"token": {"project": {"id": "p"}}}"""));
        var image = Draft.Nova().ToExchange() with { Probe = new Probe("unknown-image", 404, "why") };
        image = image with { Request = image.Request with { Headers = new HeaderList([new("X-Auth-Token", Canary)]) } };
        var refused = new Exchange("x", 0, new RecordedRequest("GET", Samples.Url(), HeaderList.Empty), new RecordedResponse(0, string.Empty, HeaderList.Empty, string.Empty) { TransportError = "connection refused" });

        HarWriter.Write(path, [(keystone, DateTimeOffset.UnixEpoch, 1), (image, DateTimeOffset.UnixEpoch, 2), (refused, DateTimeOffset.UnixEpoch, 3)]);

        File.ReadAllText(path).Should().NotContain(Canary);
        File.Exists(path + ".tmp").Should().BeFalse();
        var read = HarReader.Read(path, "run.har").Select(e => e.Exchange!).ToList();
        read.Select(e => e.Name).Should().Equal("run.har#0", "run.har#1", "run.har#2");
        read[0].Request.Body.Should().Contain("\"password\":\"[REDACTED]\"");
        read[0].Response.Headers.Get("X-Subject-Token").Should().Be("[REDACTED]");
        read[1].Request.Headers.Get("X-Auth-Token").Should().Be("[REDACTED]");
        read[1].Probe.Should().Be(new Probe("unknown-image", 404, "why"));
        read[1].Response.Body.Should().Be(image.Response.Body);
        read[2].Response.TransportError.Should().Be("connection refused");
    }

    [TestCase("http://127.0.0.1:18774/v2.1/abc", "http://127.0.0.1:18774")]
    [TestCase("http://127.0.0.1:18774/v2.1", "http://127.0.0.1:18774")]
    [TestCase("http://127.0.0.1:18774/v2/abc/", "http://127.0.0.1:18774")]
    [TestCase("https://cloud.example/compute/v2.1/abc", "https://cloud.example/compute")]
    [TestCase("http://127.0.0.1:18774/", "http://127.0.0.1:18774")]
    public void Finds_the_compute_root_of_a_catalog_url(string url, string root)
    {
        LiveRun.ComputeRoot(url).Should().Be(root);
    }

    [TestCase("5", 5)]
    [TestCase("0", 0)]
    [TestCase("soon", -1)]
    [TestCase(null, -1)]
    public void Reads_retry_after_seconds(string? value, int seconds)
    {
        var delay = LiveClient.RetryAfter(value);

        if (seconds < 0)
        {
            delay.Should().BeNull();
        }
        else
        {
            delay.Should().Be(TimeSpan.FromSeconds(seconds));
        }
    }
}
