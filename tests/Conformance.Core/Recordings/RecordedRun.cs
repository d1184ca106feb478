using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;

namespace Conformance.Core.Recordings;

/// <summary>
/// Judges every image-details exchange of a set of recordings, one entry at a time, and keeps only the verdicts,
/// so the recordings themselves are never held in memory whole.
/// </summary>
public static class RecordedRun
{
    /// <param name="judged">Called with each exchange once it is judged, while it is still in memory (for reports).</param>
    public static IEnumerable<RunItem> Judge(
        string recordingPath,
        string? profileOverride,
        Baseline baseline,
        ProfileCatalog profiles,
        ExchangeJudge? judge = null,
        Action<Exchange, Verdict>? judged = null)
    {
        judge ??= new ExchangeJudge();
        var count = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in RecordingSet.Find(recordingPath, profileOverride))
        {
            if (file.ProfileProblem is not null || file.Profile is null || !profiles.Contains(file.Profile))
            {
                yield return new ProblemCase(file.Name, file.ProfileProblem ?? $"its folder states the unknown profile '{file.Profile}': expected one of {string.Join(", ", profiles.Names)}", "profile unknown");
                continue;
            }

            var profile = profiles.Get(file.Profile);
            var skipped = new List<string>();
            var cross = new CrossChecks();
            using var entries = HarReader.Read(file.Path, file.Name).GetEnumerator();
            while (true)
            {
                HarEntry entry;
                string? problem = null;
                try
                {
                    if (!entries.MoveNext())
                    {
                        break;
                    }

                    entry = entries.Current;
                }
                catch (HarFormatException e)
                {
                    problem = e.Message;
                    entry = null!;
                }

                if (problem is not null)
                {
                    yield return new ProblemCase(file.Name, problem);
                    break;
                }

                var name = $"{file.Name}#{entry.Index}";
                if (entry.Exchange is null)
                {
                    yield return new ProblemCase(name, $"{name} is not a valid HAR entry: {entry.Problem}");
                    continue;
                }

                var exchange = entry.Exchange;
                cross.Observe(exchange);
                if (exchange.Response.TransportError is { } transport)
                {
                    yield return new ProblemCase(name, $"{exchange.Request.Method} {exchange.Request.Url} got no response: {transport}", "unreachable");
                    continue;
                }

                if (!ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out var reason))
                {
                    skipped.Add($"#{entry.Index} {exchange.Request.Method} {exchange.Request.Url}: {reason}");
                    continue;
                }

                Verdict verdict;
                try
                {
                    verdict = judge.Judge(exchange, request!, profile);
                    var more = cross.Check(exchange, request!, profile);
                    if (more.Count > 0)
                    {
                        verdict = verdict with
                        {
                            Groups = [.. verdict.Groups, .. more.Keys],
                            Violations = [.. verdict.Violations, .. more.Values.SelectMany(v => v)],
                        };
                    }
                }
                catch (Exception e)
                {
                    problem = $"{name} could not be judged (suite error): {e.GetType().Name}: {e.Message}";
                    verdict = null!;
                }

                if (problem is not null)
                {
                    yield return new ProblemCase(name, problem, "not judged (suite error)");
                    continue;
                }

                count++;
                seen.Add(name);
                judged?.Invoke(exchange, verdict);
                foreach (var group in verdict.Groups)
                {
                    yield return new GroupCase(name, request!.Version, group, verdict, GroupOutcome.Of(verdict, group, baseline, name));
                }
            }

            if (skipped.Count > 0)
            {
                yield return new SkippedCase(file.Name, skipped);
            }
        }

        if (count == 0)
        {
            yield return new NothingJudgedCase(recordingPath);
        }

        var unmatched = baseline.Deviations.Where(d => !seen.Any(name => Baseline.SameRecording(d.Recording, name))).ToList();
        if (unmatched.Count > 0)
        {
            yield return new BaselineCase(unmatched);
        }
    }
}
