using Conformance.Core.Exchanges;

namespace Conformance.Core.Reporting;

/// <summary>Headers whose values are secrets: they are masked wherever the suite writes a request or response.</summary>
public static class Secrets
{
    public const string Mask = "****";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "X-Subject-Token", "X-Service-Token", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

    public static string Value(string name, string value) => IsSecretHeader(name) && value.Length > 0 ? Mask : value;

    public static IEnumerable<KeyValuePair<string, string>> Masked(HeaderList headers) =>
        headers.Items.Select(h => new KeyValuePair<string, string>(h.Key, Value(h.Key, h.Value)));
}
