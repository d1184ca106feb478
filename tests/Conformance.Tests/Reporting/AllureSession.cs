using System.Reflection;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Core.Reporting;

namespace Conformance.Tests.Reporting;

/// <summary>
/// The Allure results of one run, written while the run is judged: every exchange becomes its results as soon as it
/// is judged (one per check group, or one per exchange with a step per group), with its request, response and curl
/// line attached, and is then dropped. A large run is kept readable: past <see cref="PassingExchangeLimit"/>
/// exchanges, passing exchanges are counted into one result per check group instead of a result each. Files are
/// written by the run's <see cref="FileQueue"/>, drained when the run ends.
/// </summary>
public sealed class AllureSession : IDisposable
{
    /// <summary>Exchanges that pass get a result each up to this many exchanges; after that they are counted.</summary>
    public const int PassingExchangeLimit = 10_000;

    /// <summary>Exchanges with findings get a result each up to this many; after that they are counted too.</summary>
    public const int FindingsExchangeLimit = 100_000;

    /// <summary>Problems (unreadable files and entries) get a result each up to this many.</summary>
    public const int ProblemLimit = 1_000;

    private const string Combined = "Exchange (request, response, curl)";

    private readonly FileQueue _queue;
    private readonly AllureWriter _writer;
    private readonly bool _byExchange;
    private readonly Dictionary<string, (long Count, long Start)> _counted = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private string _target = "run";
    private IReadOnlyList<KeyValuePair<string, string>> _environment = [];
    private readonly Dictionary<string, Exchange> _judged = new(StringComparer.Ordinal);
    private long _exchanges;
    private long _withFindings;
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
        var findings = groups.Any(g => g.Outcome.Kind != OutcomeKind.Passed);
        Exchange? judged;
        lock (_lock)
        {
            _judged.Remove(exchange, out judged);
            _exchanges++;
            if (findings ? ++_withFindings > FindingsExchangeLimit : _exchanges > PassingExchangeLimit)
            {
                foreach (var group in groups)
                {
                    var key = $"{group.Group}|{group.Outcome.Kind}";
                    _counted[key] = (_counted.GetValueOrDefault(key).Count + 1, _counted.TryGetValue(key, out var c) ? c.Start : now);
                }

                return;
            }
        }

        // The texts a person reads (secrets masked), made only for exchanges that get results of their own.
        var texts = judged is null ? (string.Empty, string.Empty, string.Empty)
            : (ExchangeText.Request(judged.Request), ExchangeText.Response(judged.Response), ExchangeText.Curl(judged.Request));
        var profile = SuiteContext.Profiles.Get(groups[0].Verdict.Profile);
        if (_byExchange)
        {
            var item = new ExchangeCase(exchange, groups[0].Version, groups);
            var described = item.Describe();
            var found = described.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", described);
            _writer.Write(GroupResultMapper.MapExchange(item, profile, _target, Attachments(texts, item.Kind != OutcomeKind.Passed), found, now, now));
            return;
        }

        var combinedGiven = false;
        foreach (var group in groups)
        {
            var text = group.Outcome.Describe();
            var violations = text.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", text);
            // A group with findings gets the request, response and curl line apart. Of an exchange's passing
            // groups, the first gets them together in one file: a large run must not write files per passing test.
            IReadOnlyList<AllureAttachment> attachments = group.Outcome.Kind != OutcomeKind.Passed ? Attachments(texts, apart: true)
                : !combinedGiven ? Attachments(texts, apart: false)
                : [];
            combinedGiven |= group.Outcome.Kind == OutcomeKind.Passed;
            _writer.Write(GroupResultMapper.Map(group, profile, _target, attachments, violations, now, now));
        }
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
        foreach (var (key, (count, start)) in _counted.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var (group, kind) = (key[..key.IndexOf('|', StringComparison.Ordinal)], Enum.Parse<OutcomeKind>(key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..]));
            var name = $"{_target} {group}: further exchanges {kind.ToString().ToLowerInvariant()} (counted, not listed one by one)";
            var message = $"This run judged more exchanges than the report lists one by one ({PassingExchangeLimit} passing, {FindingsExchangeLimit} with findings); "
                + $"these {count} exchanges ended '{kind}' in check group {group}. The console summary and the test messages count every exchange.";
            var status = kind switch
            {
                OutcomeKind.Failed => AllureStatus.Failed,
                OutcomeKind.NotJudged => AllureStatus.Skipped,
                _ => AllureStatus.Passed,
            };
            _writer.Write(RunResult(name, status, message, group, kind == OutcomeKind.Failed ? "violation" : kind == OutcomeKind.Warning ? "warning" : "conforms", start, now));
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
                new("severity", "critical"),
                new("outcome", outcome),
            ],
        };
        result.TestCaseId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32];
        result.HistoryId = result.TestCaseId;
        return result;
    }
}
