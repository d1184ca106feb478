using System.Text;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Reporting;

/// <summary>
/// An exchange as a person reads it in a report: secret headers shown as <see cref="Secrets.HeaderMask"/>, and every
/// known secret value (<see cref="Secrets.Mask"/>) masked wherever it appears, in the URL, a header or the body.
/// </summary>
public static class ExchangeText
{
    public static string Request(RecordedRequest request)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').AppendLine(Url(request.Url));
        foreach (var (name, value) in Secrets.Masked(request.Headers))
        {
            text.Append(name).Append(": ").AppendLine(value);
        }

        return text.ToString();
    }

    public static string Response(RecordedResponse response)
    {
        var text = new StringBuilder();
        text.Append("HTTP ").Append(response.Status).Append(' ').AppendLine(Secrets.Mask(response.StatusText));
        if (!response.HeadersRecorded)
        {
            text.AppendLine("(headers were not recorded)");
        }
        else
        {
            foreach (var (name, value) in Secrets.Masked(response.Headers))
            {
                text.Append(name).Append(": ").AppendLine(value);
            }
        }

        text.AppendLine();
        text.Append(Secrets.Mask(response.BodyProblem is null ? response.Body : $"({response.BodyProblem})"));
        return text.ToString();
    }

    /// <summary>A curl command that repeats the request; secret headers are replaced by a shell variable.</summary>
    public static string Curl(RecordedRequest request)
    {
        var text = new StringBuilder("curl -i");
        if (request.Method != "GET")
        {
            text.Append(" -X ").Append(Quote(request.Method));
        }

        foreach (var (name, value) in request.Headers.Items)
        {
            if (name.StartsWith(':') || string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            text.Append(" -H ").Append(Secrets.IsSecretHeader(name) ? $"\"{Secrets.Mask(name)}: $OS_TOKEN\"" : Quote($"{name}: {value}"));
        }

        text.Append(' ').Append(Quote(Url(request.Url)));
        return Secrets.Mask(text.ToString());
    }

    private static string Url(string url) => Secrets.Mask(Secrets.WithoutUserInfo(url));

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
