using System.Collections.Concurrent;
using NUnit.Framework.Interfaces;

namespace Conformance.Tests;

/// <summary>
/// The suite could not judge something (unreadable recording, unreachable target, bad settings). NUnit reports it
/// as an error (the test is broken, never passed) with the message alone, as it does its own assertions. Which
/// tests ended this way is kept, so that the Allure hook can tell them from a test that broke on a fault of the suite.
/// </summary>
public sealed class CannotJudgeException : ResultStateException
{
    private static readonly ConcurrentDictionary<string, bool> Thrown = new(StringComparer.Ordinal);

    public CannotJudgeException(string message)
        : base(Conformance.Core.Masking.Secrets.Mask(message))
    {
        Thrown[TestContext.CurrentContext.Test.ID] = true;
    }

    public CannotJudgeException()
        : this("the suite could not judge this")
    {
    }

    public CannotJudgeException(string message, Exception inner)
        : base(Conformance.Core.Masking.Secrets.Mask(message), inner)
    {
        Thrown[TestContext.CurrentContext.Test.ID] = true;
    }

    public override ResultState ResultState => ResultState.Error;

    /// <summary>Whether the test ended because the suite could not judge (rather than on a fault of the suite).</summary>
    public static bool EndedByThis(string testId) => Thrown.ContainsKey(testId);
}
