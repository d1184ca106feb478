using Conformance.Core.Baselines;
using Conformance.Core.Recordings;

namespace Conformance.Tests;

/// <summary>
/// Image-details conformance of recorded exchanges (HAR). Every check group of every exchange is one test: it
/// fails on a contract violation, warns on oddities and known deviations, and is inconclusive when the body could
/// not be judged for that group at all. A recording that cannot be read or a target that cannot be reached makes
/// its test broken (an error, not a failure).
/// </summary>
[TestFixture]
public sealed class ImageDetailsConformance
{
    [TestCaseSource(typeof(RecordedCases), nameof(RecordedCases.All))]
    public void Recorded(RunItem item)
    {
        switch (item)
        {
            case GroupCase group:
                Report(group.Outcome.Kind, group.Outcome.Describe(), group.Outcome.Failures);
                break;
            case ExchangeCase exchange:
                Report(exchange.Kind, exchange.Describe(), exchange.Failures.ToList());
                break;
            case ProblemCase problem:
                // Not a verdict on the contract: the test is broken (NUnit's error outcome), never passed.
                throw new CannotJudgeException(problem.Problem);
            case NothingJudgedCase nothing:
                Assert.Fail($"No image-details exchange (GET .../v2[.1]/{{project_id}}/images/{{image_id}}) was found in {nothing.Where}");
                break;
            case BaselineCase baseline:
                Assert.Warn("Baseline entries name exchanges this run did not judge:" + Environment.NewLine
                    + string.Join(Environment.NewLine, baseline.Unmatched.Select(d => $"[{d.Rule}] {d.Recording}: {d.Reason}")));
                Assert.That(baseline.Unmatched, Is.Not.Empty);
                break;
            default:
                Assert.Fail($"The suite does not know how to report {item.GetType().Name}");
                break;
        }
    }

    private static void Report(OutcomeKind kind, string text, IReadOnlyList<Conformance.Core.Checks.Violation> failures)
    {
        if (text.Length > 0)
        {
            TestContext.Out.WriteLine(text);
        }

        switch (kind)
        {
            case OutcomeKind.Failed:
                Assert.Fail(text);
                break;
            case OutcomeKind.NotJudged:
                Assert.Inconclusive(text);
                break;
            case OutcomeKind.Warning:
                Assert.Warn(text);
                break;
        }

        Assert.That(failures, Is.Empty, "contract violations");
    }
}
