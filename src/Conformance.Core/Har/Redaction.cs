using System.Text.RegularExpressions;
using Conformance.Core.Masking;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Har;

/// <summary>
/// What a recording must never hold: tokens, passwords, cookies. Secret headers' values (every cookie-bearing and
/// token-bearing header, <see cref="Secrets.IsSecretHeader"/>) and JSON body values under secret-looking keys are
/// replaced by <see cref="Redacted"/>, and so is every known secret value (<see cref="Secrets.Mask"/>) wherever it
/// appears, before anything is written.
/// </summary>
public static partial class Redaction
{
    /// <summary>What a redacted value reads in a recording.</summary>
    public const string Redacted = Secrets.Redacted;

    [GeneratedRegex("password|secret|passcode|credential|^token$|^id$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    /// <summary>A header's value as a recording holds it: <see cref="Redacted"/> for a non-empty secret header, else the value with known secrets masked.</summary>
    /// <param name="name">The header name, any case.</param>
    /// <param name="value">The value as sent or received.</param>
    public static string Header(string name, string value) => Secrets.IsSecretHeader(name) && value.Length > 0 ? Redacted : Secrets.Mask(value);

    /// <summary>
    /// Redacts a JSON body: every string under a secret-looking key. An <c>id</c> counts only inside a
    /// <c>token</c> object (Keystone's token-scoped authentication), so image ids stay.
    /// </summary>
    public static string? Body(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
            root = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            return body;
        }

        var changed = false;
        foreach (var property in (root as JContainer)?.Descendants().OfType<JProperty>().ToList() ?? [])
        {
            var isTokenId = property.Name == "id" && property.Parent?.Parent is JProperty { Name: "token" };
            if (property.Value.Type == JTokenType.String && SecretKey().IsMatch(property.Name) && (property.Name != "id" || isTokenId))
            {
                property.Value = Redacted;
                changed = true;
            }
        }

        return changed ? root.ToString(Formatting.None) : body;
    }
}
