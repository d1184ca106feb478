using Conformance.Core.Recordings;
using NUnit.Framework.Interfaces;

namespace Conformance.Tests.Reporting;

/// <summary>
/// Hooked into every test of the suite once (applied to the assembly). Verdicts reach the Allure results while the
/// run is judged (<see cref="SuiteRun"/>); what this adds is the one thing the run cannot see: a test of the suite
/// that broke on its own (an error of the suite, not a verdict), which must never leave a report that looks green.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AllureReportAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test;

    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        var result = TestContext.CurrentContext.Result;
        if (!SuiteRun.Started || SuiteRun.Current.Allure is not { } allure || test.Arguments is not [SuiteCase]
            || result.Outcome.Label != "Error" || CannotJudgeException.EndedByThis(test.Id))
        {
            return;
        }

        allure.Write(new ProblemCase(test.Name, result.Message ?? "the test broke", "suite error"), $"The suite broke while reporting {test.Name}: {result.Message}");
    }
}
