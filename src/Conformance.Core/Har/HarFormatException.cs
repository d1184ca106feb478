namespace Conformance.Core.Har;

/// <summary>A file that is not valid HAR, with the file and the problem named for a person.</summary>
public sealed class HarFormatException : Exception
{
    public HarFormatException(string message)
        : base(message)
    {
    }

    public HarFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HarFormatException()
    {
    }
}
