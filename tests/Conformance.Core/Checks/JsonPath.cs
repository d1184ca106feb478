using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Finds the value at a location such as <c>image.OS-EXT-IMG-SIZE:size</c> or <c>image.links[0].rel</c>. Property
/// names may themselves contain dots (metadata keys do), so the longest matching name wins.
/// </summary>
public static class JsonPath
{
    public static JToken? Find(JToken root, string location)
    {
        var token = root;
        var rest = location;
        while (rest.Length > 0 && token is not null)
        {
            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || token is not JArray array || !int.TryParse(rest[1..close], out var index) || index >= array.Count)
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

            JProperty? best = null;
            foreach (var property in obj.Properties())
            {
                var name = property.Name;
                if (rest.StartsWith(name, StringComparison.Ordinal) && (rest.Length == name.Length || rest[name.Length] is '.' or '[')
                    && (best is null || name.Length > best.Name.Length))
                {
                    best = property;
                }
            }

            if (best is null)
            {
                return null;
            }

            token = best.Value;
            rest = rest[best.Name.Length..].TrimStart('.');
        }

        return token;
    }
}
