namespace Conformance.Core.Har;

/// <summary>A file that is not valid HAR, with the file and the problem named for a person.</summary>
public sealed class HarFormatException : Exception
{
    /// <summary>A HAR problem described by <paramref name="message"/>, which names the file and the place.</summary>
    /// <param name="message">What is wrong, for a person.</param>
    public HarFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A HAR problem found through another exception (a JSON reader's, an I/O error).</summary>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="inner">The exception that revealed it.</param>
    public HarFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A HAR problem without a message (prefer one that names the file).</summary>
    public HarFormatException()
    {
    }
}
