namespace Conformance.Tests;

/// <summary>The suite could not judge something (unreadable recording, unreachable target, bad settings).</summary>
public sealed class CannotJudgeException : Exception
{
    public CannotJudgeException(string message)
        : base(message)
    {
    }

    public CannotJudgeException()
    {
    }

    public CannotJudgeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
