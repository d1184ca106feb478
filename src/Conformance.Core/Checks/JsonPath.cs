using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Finds the value at a location such as <c>image.OS-EXT-IMG-SIZE:size</c> or <c>image.links[0].rel</c>. Property
/// names may themselves contain dots (metadata keys do), so the longest matching name wins.
/// </summary>
public static class JsonPath
{
    /// <summary>The value at <paramref name="location"/> under <paramref name="root"/>, or null when there is none.</summary>
    /// <param name="root">The whole body; the location's first name is looked up in it.</param>
    /// <param name="location">A violation's location, such as <c>image.links[0].rel</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static JToken? Find(JToken root, string location)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(location);
        var token = root;
        var rest = location;
        while (rest.Length > 0 && token is not null)
        {
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || token is not JArray array || !int.TryParse(rest[1..close], out var index) || index < 0 || index >= array.Count)
                {
                    return null;
                }

                token = array[index];
                rest = rest[(close + 1)..].TrimStart('.');
                continue;
            }

            if (token is not JObject obj)
            {
                return null;
            }

            // The longest name that the location starts with and that ends where the location has a '.' or '['
            // (or ends): one lookup per such place, not a scan of the object's properties.
            JToken? best = null;
            var bestLength = 0;
            for (var end = 0; end <= rest.Length; end++)
            {
                if (end == rest.Length || rest[end] is '.' or '[')
                {
                    if (end > 0 && obj.TryGetValue(rest[..end], out var value))
                    {
                        best = value;
                        bestLength = end;
                    }
                }
            }

            if (best is null)
            {
                return null;
            }

            token = best;
            rest = rest[bestLength..].TrimStart('.');
        }

        return token;
    }
}
