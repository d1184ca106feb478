using System.Collections.Concurrent;
using System.Reflection;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Core.Reporting;
using NUnit.Framework.Interfaces;

namespace Conformance.Tests.Reporting;

/// <summary>
/// The Allure results of one run: the folder is cleaned at the start, each exchange's request, response and curl
/// line are kept once in the run's spool when it is judged, and each test adds its result when it ends, with its
/// own copies of those attachments (Allure 3 shows a file under one test result only). Files are written by the
/// run's <see cref="FileQueue"/>, drained when the run ends.
/// </summary>
public sealed class AllureSession : IDisposable
{
    /// <summary>The <c>run</c> entry of environment.properties: whether the run wrote all its results.</summary>
    public static class RunStates
    {
        public const string Key = "run";
        public const string Started = "started, not finished (if this stays, the run stopped early and its results are incomplete)";
        public const string Finished = "finished";
    }

    private const string Combined = "Exchange (request, response, curl)";

    private readonly FileQueue _queue;
    private readonly AllureWriter _writer;
    private string _target = "run";
    private IReadOnlyList<KeyValuePair<string, string>> _environment = [];
    private readonly ConcurrentDictionary<string, Spool.Entry> _combined = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<(string Name, Spool.Entry Text)>> _apart = new(StringComparer.Ordinal);
    private readonly Spool _spool = new();
    private bool _finished;

    private AllureSession(FileQueue queue, AllureWriter writer)
    {
        _queue = queue;
        _writer = writer;
    }

    /// <summary>The session of this run, or null when Allure results are turned off or not yet started.</summary>
    public static AllureSession? Current { get; private set; }

    public string ResultsDirectory => _writer.ResultsDirectory;

    /// <summary>
    /// Sets the previous run's results aside and marks the folder as holding a run that has not finished: until
    /// <see cref="Finish"/> says otherwise, a reader of the folder (the summary tool) knows the run is incomplete.
    /// </summary>
    public static AllureSession Start(string directory)
    {
        var queue = new FileQueue();
        var writer = new AllureWriter(directory, queue);
        writer.Clean();
        writer.WriteExecutor(Environment.GetEnvironmentVariable);
        writer.WriteCategories();
        Current = new AllureSession(queue, writer);
        Current.WriteEnvironment(RunStates.Started);
        return Current;
    }

    /// <summary>Says what the run judges (the recordings or the target, the profile), in results and the report's environment.</summary>
    public void Describe(string target, IEnumerable<KeyValuePair<string, string>> environment)
    {
        _target = target;
        _environment = environment.ToList();
        WriteEnvironment(RunStates.Started);
    }

    private void WriteEnvironment(string state)
    {
        var suiteVersion = typeof(AllureSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        _writer.WriteEnvironment(_environment.Append(new("suite.version", suiteVersion)).Append(new(RunStates.Key, state)));
    }

    /// <summary>
    /// Keeps what a report needs of an exchange (secrets masked) while it is in memory, in the run's spool file (so
    /// memory does not grow with the bodies judged): the request, response and curl line apart when the verdict has
    /// findings, and always the three together for a passing check.
    /// </summary>
    public void Judged(Exchange exchange, Verdict verdict)
    {
        var request = ExchangeText.Request(exchange.Request);
        var response = ExchangeText.Response(exchange.Response);
        var curl = ExchangeText.Curl(exchange.Request);
        _combined[exchange.Name] = _spool.Append($"{request}\n{response}\n\n# Reproduce with:\n{curl}\n");
        if (verdict.Violations.Count > 0 || verdict.NotJudged.Count > 0)
        {
            _apart[exchange.Name] = [("Request", _spool.Append(request)), ("Response", _spool.Append(response)), ("Reproduce with curl", _spool.Append(curl))];
        }
    }

    /// <summary>Waits for every result to be on disk, then removes the spool and the previous run's unused files.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        WriteEnvironment(RunStates.Finished);
        _queue.Dispose();
        _spool.Dispose();
        _writer.DeleteSpares();
    }

    public void Dispose() => Finish();

    private AllureAttachment AttachCombined(Spool.Entry entry) => AttachSpooled(Combined, entry);

    private AllureAttachment AttachSpooled(string name, Spool.Entry entry) => _writer.AttachLater(name, "text/plain", "txt", () => _spool.Read(entry));

    public void Record(RunItem item, ResultState state, string? message, long start, long stop)
    {
        switch (item)
        {
            case GroupCase group:
                var text = group.Outcome.Describe();
                var violations = text.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", text);
                var profile = SuiteContext.Profiles.Get(group.Verdict.Profile);
                // A group with findings gets the request, response and curl line apart. Of an exchange's passing
                // groups, the first gets them together in one file: a large run must not write files per passing test.
                var exchangeAttachments = new List<AllureAttachment>();
                if (group.Outcome.Kind != OutcomeKind.Passed && _apart.TryGetValue(group.Exchange, out var apart))
                {
                    exchangeAttachments.AddRange(apart.Select(a => AttachSpooled(a.Name, a.Text)));
                }
                else if (_combined.TryRemove(group.Exchange, out var entry))
                {
                    exchangeAttachments.Add(AttachCombined(entry));
                }

                var result = GroupResultMapper.Map(group, profile, _target, exchangeAttachments, violations, start, stop);
                if (state.Status == TestStatus.Failed && state.Label == "Error")
                {
                    // The suite itself threw: that is not a verdict on the target.
                    result.Status = AllureStatus.Broken;
                    result.StatusDetails = new AllureStatusDetails { Message = message };
                }

                _writer.Write(result);
                break;
            case ExchangeCase exchange:
                var described = exchange.Describe();
                var found = described.Length == 0 ? null : _writer.Attach("Violations", "text/plain", "txt", described);
                var attachments = exchange.Kind != OutcomeKind.Passed && _apart.TryGetValue(exchange.Exchange, out var parts)
                    ? parts.Select(a => AttachSpooled(a.Name, a.Text)).ToList()
                    : _combined.TryRemove(exchange.Exchange, out var staged) ? [AttachCombined(staged)] : [];
                _writer.Write(GroupResultMapper.MapExchange(exchange, SuiteContext.Profiles.Get(exchange.Groups[0].Verdict.Profile), _target, attachments, found, start, stop));
                break;
            default:
                _writer.Write(Broken(item, message, start, stop));
                break;
        }
    }

    private AllureResult Broken(RunItem item, string? message, long start, long stop)
    {
        var result = new AllureResult
        {
            FullName = item.Name,
            Name = item.Name,
            Status = item is BaselineCase ? AllureStatus.Passed : AllureStatus.Broken,
            StatusDetails = new AllureStatusDetails { Message = item is ProblemCase problem ? problem.Problem : message },
            Start = start,
            Stop = stop,
            Labels =
            [
                new("epic", GroupResultMapper.Epic),
                new("feature", "run"),
                new("story", item switch
                {
                    ProblemCase => "could not be judged",
                    NothingJudgedCase => "nothing judged",
                    BaselineCase => "baseline",
                    _ => "run",
                }),
                new("parentSuite", "run"),
                new("subSuite", _target),
                new("severity", "critical"),
                new("outcome", item is BaselineCase ? "warning" : "unreachable-or-suite-error"),
            ],
        };
        result.TestCaseId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(item.Name)))[..32];
        result.HistoryId = result.TestCaseId;
        return result;
    }
}
