namespace Conformance.Core.Checks;

/// <summary>Json.NET's messages, made readable.</summary>
public static class JsonMessages
{
    /// <summary>
    /// Drops the <c>Path '...'</c> part Json.NET appends (it names its own reader state, not the document) while
    /// keeping line and position, and the trailing period.
    /// </summary>
    public static string Clean(string message, bool keepPosition = true)
    {
        var path = message.IndexOf(" Path '", StringComparison.Ordinal);
        if (path < 0)
        {
            return message.TrimEnd('.');
        }

        var afterPath = message.IndexOf("', ", path, StringComparison.Ordinal);
        var head = message[..path].TrimEnd('.', ' ');
        var tail = afterPath < 0 || !keepPosition ? string.Empty : message[(afterPath + 3)..].TrimEnd('.');
        return tail.Length == 0 ? head : $"{head} ({tail})";
    }
}
