using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;

namespace Conformance.Core.Recordings;

/// <summary>
/// Judges every image-details exchange of a set of recordings, one entry at a time, and keeps only the verdicts,
/// so the recordings themselves are never held in memory whole. Whatever goes wrong with one file or entry spoils
/// that file or entry only: it becomes a broken item naming it, and the rest of the run is judged.
/// </summary>
public static class RecordedRun
{
    /// <param name="judged">Called with each exchange once it is judged, while it is still in memory (for reports).</param>
    /// <param name="shard">The part of the recordings to judge (the others' entries are passed over); null: all.</param>
    /// <summary>
    /// The run's items, judged lazily as they are enumerated: file by file, the judged exchanges (their groups), broken
    /// entries and the entries passed over; at the end, a failure when nothing was judged and the baseline entries not
    /// matched or no longer occurring. A problem with one file or entry becomes an item naming it; it is not thrown.
    /// </summary>
    /// <param name="recordingPath">A HAR file, or a folder whose <c>*.har</c> files are judged.</param>
    /// <param name="profileOverride">The profile for every file; null: each file's from its folder's <c>conformance.json</c>.</param>
    /// <param name="baseline">The known deviations (<see cref="Baseline.Empty"/> for none).</param>
    /// <param name="profiles">The profiles the files may name.</param>
    /// <param name="judge">The per-exchange judge; null: one with every check.</param>
    public static IEnumerable<RunItem> Judge(
        string recordingPath,
        string? profileOverride,
        Baseline baseline,
        ProfileCatalog profiles,
        ExchangeJudge? judge = null,
        Action<Exchange, Verdict>? judged = null,
        Shard? shard = null)
    {
        judge ??= new ExchangeJudge();
        var state = new RunState([.. baseline.Deviations]);
        IReadOnlyList<RecordingFile> files = [];
        string? listing = null;
        try
        {
            files = RecordingSet.Find(recordingPath, profileOverride);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            listing = e is FileNotFoundException ? e.Message : $"the recordings at '{recordingPath}' could not be listed: {Describe(e)}";
        }

        if (listing is not null)
        {
            yield return new ProblemCase(recordingPath, listing);
        }

        foreach (var file in files)
        {
            using var items = JudgeFile(file, baseline, profiles, judge, judged, shard, state).GetEnumerator();
            while (true)
            {
                RunItem item;
                string? problem = null;
                try
                {
                    if (!items.MoveNext())
                    {
                        break;
                    }

                    item = items.Current;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var where = state.LastEntry is { } last ? $" after entry #{last}" : string.Empty;
                    problem = $"{file.Name} could not be read to the end{where}: {Describe(e)}";
                    item = null!;
                }

                if (problem is not null)
                {
                    yield return new ProblemCase(file.Name, problem);
                    break;
                }

                yield return item;
            }
        }

        if (state.Count == 0)
        {
            yield return new NothingJudgedCase(recordingPath);
        }

        // A part of a sharded run cannot tell a baseline entry of another part from one that matches nothing, nor
        // know whether an entry it did not find occurs in an exchange of another part.
        var sharded = shard is { Count: > 1 };
        var unmatched = sharded ? [] : state.Deviations.Where((_, i) => !state.Matched[i]).ToList();
        var stale = sharded ? [] : state.Deviations.Where((_, i) => state.NotFound[i] && !state.Found[i]).ToList();
        if (unmatched.Count > 0 || stale.Count > 0)
        {
            yield return new BaselineCase(unmatched) { NoLongerOccurring = stale };
        }
    }

    private static IEnumerable<RunItem> JudgeFile(RecordingFile file, Baseline baseline, ProfileCatalog profiles, ExchangeJudge judge, Action<Exchange, Verdict>? judged, Shard? shard, RunState state)
    {
        state.LastEntry = null;
        if (file.Problem is not null)
        {
            // Found while listing (a link that leads nowhere, a FIFO, a device, a file too large): it is not opened.
            yield return new ProblemCase(file.Name, file.Problem);
            yield break;
        }

        if (file.ProfileProblem is not null || file.Profile is null || !profiles.Contains(file.Profile))
        {
            yield return new ProblemCase(file.Name, file.ProfileProblem ?? $"its folder states the unknown profile '{file.Profile}': expected one of {string.Join(", ", profiles.Names)}", "profile unknown");
            yield break;
        }

        var profile = profiles.Get(file.Profile);
        var skipped = new List<string>();
        var cross = new CrossChecks();
        using var entries = Prefetch.Ahead(HarReader.Read(file.Path, file.Name)).GetEnumerator();
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

            state.LastEntry = entry.Index;
            if (shard is not null && !shard.Holds(file.Name, entry.Index, entry.Exchange?.Request.Url ?? string.Empty))
            {
                continue;
            }

            var name = $"{file.Name}#{entry.Index}";
            if (entry.Exchange is null)
            {
                yield return new ProblemCase(name, $"{name} is not a valid HAR entry: {entry.Problem}");
                continue;
            }

            var exchange = entry.Exchange;
            RunItem[] items;
            try
            {
                // The entries that waited for this one (an image-service record) are reported first, then this one.
                items = [.. cross.Observe(exchange).Select(late => Late(late, baseline, state)), .. JudgeEntry(exchange, name, profile, baseline, judge, judged, cross, skipped, state)];
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                items = [new ProblemCase(name, $"{name} ({exchange.Request.Method} {exchange.Request.Url}) could not be judged (suite error): {Describe(e)}", "not judged (suite error)")];
            }

            foreach (var item in items)
            {
                yield return item;
            }
        }

        if (cross.Finish() is { } uncompared)
        {
            yield return new ProblemCase(file.Name, $"{file.Name}: {uncompared}", "cross-checks not judged (consistency, image-service)");
        }

        if (skipped.Count > 0)
        {
            yield return new SkippedCase(file.Name, skipped);
        }
    }

    /// <summary>A group judged after later entries, through the same baseline path as the others.</summary>
    private static GroupCase Late(CrossChecks.LateGroup late, Baseline baseline, RunState state)
    {
        var group = late.Verdict.Groups[0];
        var item = new GroupCase(late.Exchange, late.Verdict.Version, group, late.Verdict, GroupOutcome.Of(late.Verdict, group, baseline, late.Exchange))
        {
            Request = late.Request,
            Late = true,
        };
        state.Note(item.Outcome);
        return item;
    }

    private static RunItem[] JudgeEntry(
        Exchange exchange,
        string name,
        Profile profile,
        Baseline baseline,
        ExchangeJudge judge,
        Action<Exchange, Verdict>? judged,
        CrossChecks cross,
        List<string> skipped,
        RunState state)
    {
        if (exchange.Response.TransportError is { } transport)
        {
            return [new ProblemCase(name, $"{exchange.Request.Method} {exchange.Request.Url} got no response: {transport}", "unreachable")];
        }

        if (!ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out var reason))
        {
            skipped.Add($"#{exchange.Index} {exchange.Request.Method} {exchange.Request.Url}: {reason}");
            return [];
        }

        // An image-details request another tool recorded without an answer cannot be judged; any other request
        // without one was skipped above (a browser's cancelled side request must not spoil the run).
        if (exchange.Response.NoAnswer is { } none)
        {
            return [new ProblemCase(name, $"{exchange.Request.Method} {exchange.Request.Url} got no response: {none}", "unreachable")];
        }

        var verdict = judge.Judge(exchange, request!, profile);
        var line = $"{exchange.Request.Method} {exchange.Request.Url} answered {exchange.Response.Status}";
        var more = cross.Judge(exchange, request!, profile, name, line);
        if (!more.IsEmpty)
        {
            var notJudged = new Dictionary<string, string>(verdict.NotJudged, StringComparer.Ordinal);
            foreach (var (group, why) in more.NotJudged)
            {
                notJudged[group] = why;
            }

            verdict = verdict with
            {
                Groups = [.. verdict.Groups, .. more.Violations.Keys, .. more.NotJudged.Keys.Where(g => !more.Violations.ContainsKey(g))],
                Violations = [.. verdict.Violations, .. more.Violations.Values.SelectMany(v => v)],
                NotJudged = notJudged,
            };
        }

        var outcomes = verdict.Groups.Select(group => new GroupCase(name, request!.Version, group, verdict, GroupOutcome.Of(verdict, group, baseline, name)) { Request = line }).ToArray();
        state.Count++;
        for (var i = 0; i < state.Matched.Length; i++)
        {
            // Baseline entries are few; exchanges may be millions: only whether each entry was matched is kept.
            state.Matched[i] = state.Matched[i] || Baseline.SameRecording(state.Deviations[i].Recording, name);
        }

        foreach (var outcome in outcomes)
        {
            state.Note(outcome.Outcome);
        }

        judged?.Invoke(exchange, verdict);
        return outcomes;
    }

    /// <summary>An exception as a person should read it: what happened, without the suite's internal type names.</summary>
    internal static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied: " + e.Message,
        FileNotFoundException or DirectoryNotFoundException => "not found: " + e.Message,
        IOException => "input/output error: " + e.Message,
        _ => $"an internal error of the suite ({e.GetType().Name}: {e.Message}); please report it with the recording",
    };

    private sealed class RunState(IReadOnlyList<KnownDeviation> deviations)
    {
        public long Count { get; set; }

        public IReadOnlyList<KnownDeviation> Deviations { get; } = deviations;

        public bool[] Matched { get; } = new bool[deviations.Count];

        /// <summary>Entries that accepted a violation somewhere in the run.</summary>
        public bool[] Found { get; } = new bool[deviations.Count];

        /// <summary>Entries not found in an exchange that could have shown them.</summary>
        public bool[] NotFound { get; } = new bool[deviations.Count];

        private Dictionary<KnownDeviation, int> Index { get; } = deviations.Select((d, i) => (d, i)).ToDictionary<(KnownDeviation d, int i), KnownDeviation, int>(p => p.d, p => p.i, ReferenceEqualityComparer.Instance);

        /// <summary>Whether the entries a group looked at were found there: two flags per entry, never the exchanges.</summary>
        public void Note(GroupOutcome outcome)
        {
            foreach (var deviation in outcome.Occurring)
            {
                if (Index.TryGetValue(deviation, out var i))
                {
                    Found[i] = true;
                }
            }

            foreach (var deviation in outcome.NoLongerOccurring)
            {
                if (Index.TryGetValue(deviation, out var i))
                {
                    NotFound[i] = true;
                }
            }
        }

        public int? LastEntry { get; set; }
    }
}
