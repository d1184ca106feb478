using System.Diagnostics;
using System.Globalization;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.Live;

namespace Conformance.Benchmarks;

/// <summary>
/// Live throughput of the suite's own path: the live client (RestSharp, the same settings a live run uses) sends
/// image-details GETs to one URL for a fixed time with a fixed number of workers, and every response is judged with
/// all checks, as a live run does. No rate limit: this measures what the client and the checks cost next to a plain
/// HTTP load tool on the same URL. The token comes from CONFORMANCE_TOKEN, never from the command line.
/// Usage: Conformance.Benchmarks live URL CONCURRENCY SECONDS [MICROVERSION]
/// </summary>
public static class LiveThroughput
{
    public static int Run(string[] args)
    {
        if (args.Length is < 3 or > 4
            || !Uri.TryCreate(args[0], UriKind.Absolute, out var url)
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency) || concurrency < 1
            || !double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            Console.Error.WriteLine("usage: live URL CONCURRENCY SECONDS [MICROVERSION]   (token in CONFORMANCE_TOKEN)");
            return 2;
        }

        if (!url.IsLoopback)
        {
            Console.Error.WriteLine($"live: {url.Host} is not a loopback address; this benchmark only loads 127.0.0.0/8");
            return 2;
        }

        if (!ImageDetailsRequest.TryParse("GET", url.ToString(), out var request, out var why))
        {
            Console.Error.WriteLine($"live: {url} is not an image-details URL: {why}");
            return 2;
        }

        var token = Environment.GetEnvironmentVariable("CONFORMANCE_TOKEN");
        var headers = new List<KeyValuePair<string, string>> { new("Accept", "application/json") };
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add(new("X-Auth-Token", token));
        }

        if (request!.Version == ApiVersion.V21)
        {
            headers.Add(new("OpenStack-API-Version", "compute " + (args.Length == 4 ? args[3] : "2.1")));
        }

        var profile = new ProfileCatalog(Path.Combine(AppContext.BaseDirectory, "schemas")).Get("nova");
        using var client = new LiveClient(TimeSpan.FromSeconds(30), concurrency, perSecond: 1e6);
        var deadline = Stopwatch.StartNew();
        long done = 0;

        // The suite's own CPU per exchange is taken after a warm-up (the first fifth of the run, JIT compiling and
        // connections opening), between two snapshots of the process's CPU time and of the exchanges done.
        var warmedUp = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds / 5.0)).ConfigureAwait(false);
            return (Cpu: Process.GetCurrentProcess().TotalProcessorTime, Done: Interlocked.Read(ref done));
        });
        var until = TimeSpan.FromSeconds(seconds);
        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<int, int>[concurrency];
        var violations = new long[concurrency];
        var judging = new double[concurrency];

        async Task Worker(int index)
        {
            var judge = new ExchangeJudge();
            latencies[index] = [];
            statuses[index] = [];
            while (deadline.Elapsed < until)
            {
                var sent = await client.SendAsync("GET", url.ToString(), headers).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var verdict = judge.Judge(sent.Exchange, request, profile);
                judging[index] += clock.Elapsed.TotalMilliseconds;
                latencies[index].Add(sent.Milliseconds);
                statuses[index][sent.Exchange.Response.Status] = statuses[index].GetValueOrDefault(sent.Exchange.Response.Status) + 1;
                violations[index] += verdict.Violations.Count;
                Interlocked.Increment(ref done);
            }
        }

        Task.WaitAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Worker(i))).ToArray());
        var elapsed = deadline.Elapsed.TotalSeconds;
        var warm = warmedUp.GetAwaiter().GetResult();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - warm.Cpu).TotalMilliseconds;
        var measured = Interlocked.Read(ref done) - warm.Done;
        var all = latencies.SelectMany(l => l).Order().ToList();
        var codes = statuses.SelectMany(s => s).GroupBy(s => s.Key).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Sum(s => s.Value)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests={all.Count} seconds={elapsed:F1} rps={all.Count / elapsed:F1} p50_ms={Percentile(all, 0.5):F1} p99_ms={Percentile(all, 0.99):F1} judge_us={1000 * judging.Sum() / Math.Max(1, all.Count):F0} cpu_ms={cpu / Math.Max(1, measured):F3} statuses={string.Join(',', codes)} violations={violations.Sum()}"));
        return all.Count == 0 ? 1 : 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
