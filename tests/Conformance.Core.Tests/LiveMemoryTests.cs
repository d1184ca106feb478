using System.Diagnostics;
using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// What live mode keeps per exchange: 20 images each answered with an almost 8 MiB body. Each exchange is written
/// to the recording as soon as it is the next in order and dropped, so memory does not grow with the number of
/// large bodies. The figures are printed; only a generous bound is asserted, never a time.
/// </summary>
[NonParallelizable]
public sealed class LiveMemoryTests
{
    [Test]
    public async Task Twenty_large_bodies_do_not_accumulate_in_memory()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var settings = new LiveSettings
        {
            Credentials = new Credentials { Token = "memory-test-token", Source = "test" },
            ComputeUrl = new Uri(server.Root),
            ProjectId = FaultServer.Project,
            ImageIds = Enumerable.Range(0, 20).Select(i => $"big-{i}").ToList(),
            Versions = [ApiVersion.V21],
            Probes = false,
            Timeout = TimeSpan.FromSeconds(60),
            RateLimit = 1000,
        };

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakLive = 0;
        long peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                // Every tenth sample collects first (what is really kept); the others include garbage not yet collected.
                var collect = ++n % 10 == 0;
                var now = GC.GetTotalMemory(collect);
                if (collect)
                {
                    peakLive = Math.Max(peakLive, now);
                }

                peakHeap = Math.Max(peakHeap, now);
                await Task.Delay(5);
            }
        });

        await LiveRun.RecordAsync(settings, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);
        await stop.CancelAsync();
        await sampler;

        const double MiB = 1024 * 1024;
        using var process = Process.GetCurrentProcess();
        var figures = $"20 x {FaultServer.BigBody.Length / MiB:0.0} MiB bodies: peak live managed memory +{(peakLive - baseline) / MiB:0} MiB, "
            + $"peak managed heap with garbage +{(peakHeap - baseline) / MiB:0} MiB, process peak RSS {process.PeakWorkingSet64 / MiB:0} MiB";
        await TestContext.Out.WriteLineAsync(figures);
        Console.WriteLine(figures);
        new FileInfo(Path.Combine(folder.Path, "run.har")).Length.Should().BeGreaterThan(20L * FaultServer.BigBody.Length);

        // Holding every body as text until the end needs 20 x 16 MiB (UTF-16) and more; what is kept now is bounded
        // by the concurrency (about 190 MiB here, measured; it was about 390 MiB when every exchange was kept).
        (peakLive - baseline).Should().BeLessThan(20L * FaultServer.BigBody.Length * 2, "exchanges are written and dropped, not kept");
    }
}
