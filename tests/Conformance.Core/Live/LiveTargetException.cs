namespace Conformance.Core.Live;

/// <summary>The live target cannot be judged at all (unreachable, not OpenStack, authentication refused).</summary>
public sealed class LiveTargetException : Exception
{
    public LiveTargetException(string message)
        : base(message)
    {
    }

    public LiveTargetException()
    {
    }

    public LiveTargetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
