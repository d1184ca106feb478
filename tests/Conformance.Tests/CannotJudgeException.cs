namespace Conformance.Tests;

/// <summary>The suite could not judge something (unreadable recording, unreachable target, bad settings).</summary>
public sealed class CannotJudgeException : Exception
{
    public CannotJudgeException(string message)
        : base(Conformance.Core.Reporting.Secrets.Mask(message))
    {
    }

    public CannotJudgeException()
    {
    }

    public CannotJudgeException(string message, Exception inner)
        : base(Conformance.Core.Reporting.Secrets.Mask(message), inner)
    {
    }
}
