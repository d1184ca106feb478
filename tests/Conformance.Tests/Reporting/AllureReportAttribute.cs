using System.Collections.Concurrent;
using Conformance.Core.Recordings;
using NUnit.Framework.Interfaces;

namespace Conformance.Tests.Reporting;

/// <summary>
/// Hooks Allure reporting into every test of the suite once (applied to the assembly): when a test ends, its run
/// item and NUnit's outcome become an Allure result. Tests themselves make no reporting calls.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AllureReportAttribute : Attribute, ITestAction
{
    private static readonly ConcurrentDictionary<string, long> Starts = new(StringComparer.Ordinal);

    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test) => Starts[test.Id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void AfterTest(ITest test)
    {
        if (AllureSession.Current is not { } session || test.Arguments is not [RunItem item, ..])
        {
            return;
        }

        var stop = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = Starts.TryRemove(test.Id, out var started) ? started : stop;
        var result = TestContext.CurrentContext.Result;
        session.Record(item, result.Outcome, result.Message, start, stop);
    }
}
