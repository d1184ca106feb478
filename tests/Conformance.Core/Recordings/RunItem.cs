using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Recordings;

/// <summary>One thing a run reports: a check group of an exchange, a problem, or entries it did not judge.</summary>
public abstract record RunItem(string Name);

/// <summary>One check group of one exchange, already judged.</summary>
public sealed record GroupCase(string Exchange, ApiVersion Version, string Group, Verdict Verdict, GroupOutcome Outcome)
    : RunItem(Verdict.Probe is null ? $"{Exchange} {Version.Segment()} {Group}" : $"{Exchange} {Version.Segment()} probe:{Verdict.Probe} {Group}");

/// <summary>
/// Something that stopped a file or an entry from being judged (an unreadable recording, an unreachable target, a
/// suite error): the test is broken, never passed, and names the file or exchange and the problem.
/// </summary>
public sealed record ProblemCase(string Subject, string Problem, string Label = "unreadable") : RunItem($"{Subject} {Label}");

/// <summary>Entries of a recording that are not image-details GETs, listed with the reason.</summary>
public sealed record SkippedCase(string File, IReadOnlyList<string> Reasons) : RunItem($"{File} entries not judged");

/// <summary>Baseline entries that name exchanges the run did not see.</summary>
public sealed record BaselineCase(IReadOnlyList<KnownDeviation> Unmatched) : RunItem("baseline entries not matched");

/// <summary>The run found no image-details exchange at all: that is a failure, not a pass.</summary>
public sealed record NothingJudgedCase(string Where) : RunItem("no image-details exchange found");
