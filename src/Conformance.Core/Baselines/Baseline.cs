using Conformance.Core.Checks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Baselines;

/// <summary>
/// Known deviations, read from a JSON file:
/// <c>{"deviations": [{"recording": "huawei-ecs/huawei-document-example.har#1", "rule": "links.self_version", "reason": "..."}]}</c>.
/// The recording is the exchange name relative to the recordings folder; an entry also matches when the run's
/// recordings folder is deeper or shallower (<c>nova-local/a.har#0</c> matches <c>a.har#0</c> when the run judges
/// <c>fixtures/nova-local</c> itself), as long as the names agree on whole path segments.
/// </summary>
public sealed class Baseline
{
    private readonly List<KnownDeviation> _items;

    public Baseline(IEnumerable<KnownDeviation> deviations)
    {
        _items = deviations.DistinctBy(d => (d.Recording, d.Rule)).ToList();
    }

    public static Baseline Empty { get; } = new([]);

    public IReadOnlyCollection<KnownDeviation> Deviations => _items;

    public static Baseline Load(string path)
    {
        JToken root;
        try
        {
            root = JToken.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Baseline {path} is not valid JSON: {e.Message}", e);
        }

        if (root["deviations"] is not JArray array)
        {
            throw new InvalidDataException($"Baseline {path} has no \"deviations\" array");
        }

        var deviations = new List<KnownDeviation>();
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            var recording = item["recording"]?.Type == JTokenType.String ? (string?)item["recording"] : null;
            var rule = item["rule"]?.Type == JTokenType.String ? (string?)item["rule"] : null;
            var reason = item["reason"]?.Type == JTokenType.String ? (string?)item["reason"] : null;
            if (string.IsNullOrWhiteSpace(recording) || string.IsNullOrWhiteSpace(rule) || string.IsNullOrWhiteSpace(reason))
            {
                throw new InvalidDataException($"Baseline {path}: deviation {i} needs \"recording\", \"rule\" and \"reason\" strings");
            }

            if (!Rules.TryGet(rule, out _))
            {
                throw new InvalidDataException($"Baseline {path}: deviation {i} names the unknown rule '{rule}'");
            }

            deviations.Add(new KnownDeviation(recording, rule, reason));
        }

        return new Baseline(deviations);
    }

    public KnownDeviation? Find(string recording, string rule) =>
        _items.FirstOrDefault(d => d.Rule == rule && SameRecording(d.Recording, recording));

    public IEnumerable<KnownDeviation> For(string recording, string group) =>
        _items.Where(d => Rules.GroupOf(d.Rule) == group && SameRecording(d.Recording, recording));

    /// <summary>True when one name equals the other or ends with it after a '/'.</summary>
    public static bool SameRecording(string a, string b)
    {
        if (a.Length == b.Length)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.EndsWith(shorter, StringComparison.Ordinal) && longer[longer.Length - shorter.Length - 1] == '/';
    }
}
