using Conformance.Core.Masking;
using Conformance.Core.Settings;

namespace Conformance.Live;

/// <summary>
/// The live target cannot be judged at all (unreachable, not OpenStack, the credentials refused). The message never
/// holds a known secret: it is masked with <see cref="Secrets.Mask"/> when the exception is made.
/// </summary>
public sealed class LiveTargetException : Exception
{
    public LiveTargetException(string message)
        : base(Secrets.Mask(message))
    {
    }

    public LiveTargetException()
    {
    }

    public LiveTargetException(string message, Exception? inner)
        : base(Secrets.Mask(message), inner)
    {
    }

    /// <summary>The recording of the run so far, when one was written (it is written also when the run fails).</summary>
    public string? RecordingPath { get; init; }
}
