using System.Reflection;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Core.Masking;
using Conformance.Reporting;

namespace Conformance.Tests.Reporting;

/// <summary>
/// The Allure results of one run, written while the run is judged: every exchange becomes its results as soon as it
/// is judged (one per check group, or one per exchange with a step per group), with its request, response and curl
/// line attached, and is then dropped. A large run is kept readable: past <see cref="PassingResultLimit"/> results,
/// passing exchanges are counted into one result per check group instead of a result each. Files are
/// written by the run's <see cref="FileQueue"/>, drained when the run ends.
/// </summary>
public sealed class AllureSession : IDisposable
{
    /// <summary>Passing checks get results of their own up to this many; after that they are counted.</summary>
    public const int PassingResultLimit = 1_000;

    /// <summary>Checks with findings get results of their own up to this many; after that they are counted and listed in a file.</summary>
    public const int FindingsResultLimit = 2_000;

    /// <summary>Problems (unreadable files and entries) get a result each up to this many.</summary>
    public const int ProblemLimit = 1_000;

    private const string Combined = "Exchange (request, response, curl)";

    /// <summary>The parameter of a counted result that says how many exchanges it stands for.</summary>
    public const string CountedParameter = "exchanges counted";

    private readonly FileQueue _queue;
    private readonly AllureWriter _writer;
    private readonly bool _byExchange;
    private readonly Dictionary<(string Group, OutcomeKind Kind), Counted> _counted = [];
    private readonly object _lock = new();
    private string _target = "run";
    private IReadOnlyList<KeyValuePair<string, string>> _environment = [];
    private readonly Dictionary<string, Exchange> _judged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private long _passingResults;
    private long _findingResults;
    private long _problems;
    private bool _finished;

    private AllureSession(FileQueue queue, AllureWriter writer, bool byExchange)
    {
        _queue = queue;
        _writer = writer;
        _byExchange = byExchange;
    }

    /// <summary>The <c>run</c> entry of environment.properties: whether the run wrote all its results.</summary>
    public static class RunStates
    {
        public const string Key = "run";
        public const string Started = "started, not finished (if this stays, the run stopped early and its results are incomplete)";
        public const string Finished = "finished";
    }

    public string ResultsDirectory => _writer.ResultsDirectory;

    /// <summary>
    /// Sets the previous run's results aside and marks the folder as holding a run that has not finished: until
    /// <see cref="Finish"/> says otherwise, a reader of the folder (the summary tool) knows the run is incomplete.
    /// </summary>
    public static AllureSession Start(string directory, bool byExchange)
    {
        var queue = new FileQueue();
        var writer = new AllureWriter(directory, queue);
        writer.Clean();
        writer.WriteExecutor(Environment.GetEnvironmentVariable);
        writer.WriteCategories();
        var session = new AllureSession(queue, writer, byExchange);
        session.WriteEnvironment(RunStates.Started);
        return session;
    }

    /// <summary>Says what the run judges (the recordings or the target, the profile), in results and the report's environment.</summary>
    public void Describe(string target, IEnumerable<KeyValuePair<string, string>> environment)
    {
        _target = target;
        _environment = environment.ToList();
        WriteEnvironment(RunStates.Started);
    }

    /// <summary>Keeps the exchange just judged for the results of its groups, which follow (one or two at a time).</summary>
    public void Judged(Exchange exchange, Verdict verdict)
    {
        lock (_lock)
        {
            _judged[exchange.Name] = exchange;
        }
    }

    /// <summary>Writes the results of one judged exchange: its check groups, in order.</summary>
    public void Write(IReadOnlyList<GroupCase> groups)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var exchange = groups[0].Exchange;
        Exchange? judged;
        List<GroupCase> own;
        lock (_lock)
        {
            _judged.Remove(exchange, out judged);
            // One result per exchange, or per group: each gets a result of its own while the limit for its kind
            // (passing, with findings) allows, and is counted (and, with findings, listed in a file) after that.
            var units = _byExchange ? [groups] : groups.Select(g => (IReadOnlyList<GroupCase>)[g]).ToList();
            own = [];
            foreach (var unit in units)
            {
                var findings = unit.Any(g => g.Outcome.Kind != OutcomeKind.Passed);
                if (findings ? _findingResults < FindingsResultLimit : _passingResults < PassingResultLimit)
                {
                    _ = findings ? _findingResults++ : _passingResults++;
                    own.AddRange(unit);
                    continue;
                }

                foreach (var group in unit)
                {
                    Count(group, now);
                }
            }
        }

        if (own.Count == 0)
        {
            return;
        }

        // The texts a person reads (secrets masked), made only for exchanges that get results of their own.
        var texts = judged is null ? (string.Empty, string.Empty, string.Empty)
            : (ExchangeText.Request(judged.Request), ExchangeText.Response(judged.Response), ExchangeText.Curl(judged));
        var profile = SuiteContext.Profiles.Get(groups[0].Verdict.Profile);
        var identity = Identity(exchange, judged);
        if (_byExchange)
        {
            var item = new ExchangeCase(exchange, groups[0].Version, groups);
            var described = item.Describe();
            var found = described.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", described);
            _writer.Write(GroupResultMapper.MapExchange(item, profile, _target, Attachments(texts, item.Kind != OutcomeKind.Passed), found, now, now, identity));
            return;
        }

        var combinedGiven = false;
        foreach (var group in own)
        {
            var text = group.Outcome.Describe();
            var violations = text.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", text);
            // A group with findings gets the request, response and curl line apart. Of an exchange's passing
            // groups, the first gets them together in one file: a large run must not write files per passing test.
            IReadOnlyList<AllureAttachment> attachments = group.Outcome.Kind != OutcomeKind.Passed ? Attachments(texts, apart: true)
                : !combinedGiven ? Attachments(texts, apart: false)
                : [];
            combinedGiven |= group.Outcome.Kind == OutcomeKind.Passed;
            _writer.Write(GroupResultMapper.Map(group, profile, _target, attachments, violations, now, now, identity));
        }
    }

    /// <summary>
    /// The exchange's identity for the report's history: its recording, request and probe, and how many times the same
    /// request came before in that recording (kept only for exchanges that get results of their own, so it stays small).
    /// </summary>
    private string? Identity(string exchange, Exchange? judged)
    {
        if (judged is null)
        {
            return null;
        }

        var key = $"{judged.Source}|{judged.Request.Method} {judged.Request.Url}|{judged.Probe?.Name}";
        lock (_lock)
        {
            var seen = _occurrences.GetValueOrDefault(key);
            _occurrences[key] = seen + 1;
            return $"{key}|{seen}";
        }
    }

    /// <summary>Counts a group that gets no result of its own; one with findings is also listed, a line each, in a file.</summary>
    private void Count(GroupCase group, long now)
    {
        var key = (group.Group, group.Outcome.Kind);
        if (!_counted.TryGetValue(key, out var counted))
        {
            counted = new Counted(now);
            _counted[key] = counted;
        }

        counted.Count++;
        if (group.Outcome.Kind == OutcomeKind.Passed)
        {
            return;
        }

        if (counted.List is null)
        {
            counted.Source = $"{Guid.NewGuid()}-attachment.txt";
            counted.List = new StreamWriter(Path.Combine(ResultsDirectory, counted.Source), append: false, new System.Text.UTF8Encoding(false));
        }

        var rules = group.Outcome.Failures.Select(f => f.Rule).Concat(group.Outcome.Known.Select(k => k.Violation.Rule + " (known)"))
            .Concat(group.Outcome.Warnings.Select(w => w.Rule + " (warning)")).Distinct();
        counted.List.WriteLine(Secrets.Mask($"{group.Name}: {group.Request}: {string.Join(", ", rules)}{(group.Outcome.NotJudgedReason is { } why ? "; not judged: " + why : string.Empty)}"));
    }

    /// <summary>A problem (an unreadable file or entry, an unreachable target, the settings) as a broken result.</summary>
    public void Write(RunItem item, string message)
    {
        lock (_lock)
        {
            if (item is ProblemCase && ++_problems > ProblemLimit)
            {
                return;
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var passed = item is BaselineCase;
        _writer.Write(RunResult(item.Name, passed ? AllureStatus.Passed : AllureStatus.Broken, message, item switch
        {
            ProblemCase => "could not be judged",
            NothingJudgedCase => "nothing judged",
            BaselineCase => "baseline",
            _ => "run",
        }, passed ? "warning" : "unreachable-or-suite-error", now, now));
    }

    /// <summary>Writes the counted results and the run's final state, waits for every file, removes the unused spares.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var ((group, kind), counted) in _counted.OrderBy(c => c.Key.Group, StringComparer.Ordinal).ThenBy(c => c.Key.Kind))
        {
            var name = $"{_target} {group}: further exchanges {kind.ToString().ToLowerInvariant()} (counted, not listed one by one)";
            var message = $"This run judged more exchanges than the report lists one by one (results of their own for passing checks up to {PassingResultLimit}, for checks with findings up to {FindingsResultLimit}); "
                + $"these {counted.Count} exchanges ended '{kind}' in check group {group}."
                + (counted.List is null ? string.Empty : " Each of them is named, with its rules, in the attachment.")
                + " The console summary and the test messages count every exchange.";
            var status = kind switch
            {
                OutcomeKind.Failed => AllureStatus.Failed,
                OutcomeKind.NotJudged => AllureStatus.Skipped,
                _ => AllureStatus.Passed,
            };
            var result = RunResult(name, status, message, group, kind == OutcomeKind.Failed ? "violation" : kind == OutcomeKind.Warning ? "warning" : "conforms", counted.Start, now);
            // Readers that count (the summary tool) weigh this result by the exchanges it stands for.
            result.Parameters = [new(CountedParameter, counted.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Excluded = true }];
            if (counted.List is not null)
            {
                counted.List.Dispose();
                result.Attachments = [new AllureAttachment("Every exchange counted here", counted.Source!, "text/plain")];
            }

            _writer.Write(result);
        }

        WriteEnvironment(RunStates.Finished);
        _queue.Dispose();
        _writer.DeleteSpares();
    }

    public void Dispose() => Finish();

    private IReadOnlyList<AllureAttachment> Attachments((string Request, string Response, string Curl) texts, bool apart)
    {
        if (texts.Request.Length == 0)
        {
            return [];
        }

        return apart
            ? [_writer.Attach("Request", "text/plain", "txt", texts.Request), _writer.Attach("Response", "text/plain", "txt", texts.Response), _writer.Attach("Reproduce with curl", "text/plain", "txt", texts.Curl)]
            : [_writer.Attach(Combined, "text/plain", "txt", $"{texts.Request}\n{texts.Response}\n\n# Reproduce with:\n{texts.Curl}\n")];
    }

    private void WriteEnvironment(string state)
    {
        var suiteVersion = typeof(AllureSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        _writer.WriteEnvironment(_environment.Append(new("suite.version", suiteVersion)).Append(new(RunStates.Key, state)));
    }

    private AllureResult RunResult(string name, string status, string? message, string story, string outcome, long start, long stop)
    {
        var result = new AllureResult
        {
            FullName = name,
            Name = name,
            Status = status,
            StatusDetails = new AllureStatusDetails { Message = message },
            Start = start,
            Stop = stop,
            Labels =
            [
                new("epic", GroupResultMapper.Epic),
                new("feature", "run"),
                new("story", story),
                new("parentSuite", "run"),
                new("subSuite", _target),
                new("target", _target),
                new("severity", "critical"),
                new("outcome", outcome),
            ],
        };
        result.TestCaseId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
        result.HistoryId = result.TestCaseId;
        return result;
    }

    private sealed class Counted(long start)
    {
        public long Start { get; } = start;

        public long Count { get; set; }

        public string? Source { get; set; }

        public StreamWriter? List { get; set; }
    }
}
