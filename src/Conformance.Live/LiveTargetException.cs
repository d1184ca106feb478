using Conformance.Core.Masking;

namespace Conformance.Live;

/// <summary>
/// The live target cannot be judged at all (unreachable, not OpenStack, the credentials refused). The message never
/// holds a known secret: it is masked with <see cref="Secrets.Mask"/> when the exception is made.
/// </summary>
public sealed class LiveTargetException : Exception
{
    /// <summary>A target problem; known secrets in <paramref name="message"/> are masked.</summary>
    /// <param name="message">What is wrong with the target, for a person.</param>
    public LiveTargetException(string message)
        : base(Secrets.Mask(message))
    {
    }

    /// <summary>A target problem without a message (prefer one that says what is wrong).</summary>
    public LiveTargetException()
    {
    }

    /// <summary>A target problem found through another exception; known secrets in <paramref name="message"/> are masked.</summary>
    /// <param name="message">What is wrong with the target, for a person.</param>
    /// <param name="inner">The exception that revealed it; null for none.</param>
    public LiveTargetException(string message, Exception? inner)
        : base(Secrets.Mask(message), inner)
    {
    }

    /// <summary>The recording of the run so far, when one was written (it is written also when the run fails).</summary>
    public string? RecordingPath { get; init; }
}
