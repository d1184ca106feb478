using Conformance.Core.Checks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Baselines;

/// <summary>
/// Known deviations, read from a JSON file:
/// <c>{"deviations": [{"recording": "huawei-ecs/huawei-document-example.har#1", "rule": "links.self_version", "reason": "..."}]}</c>.
/// The recording is the exchange name relative to the recordings folder.
/// </summary>
public sealed class Baseline
{
    private readonly Dictionary<(string Recording, string Rule), KnownDeviation> _items;

    public Baseline(IEnumerable<KnownDeviation> deviations)
    {
        _items = new();
        foreach (var deviation in deviations)
        {
            _items[(deviation.Recording, deviation.Rule)] = deviation;
        }
    }

    public static Baseline Empty { get; } = new([]);

    public IReadOnlyCollection<KnownDeviation> Deviations => _items.Values;

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

    public KnownDeviation? Find(string recording, string rule) => _items.GetValueOrDefault((recording, rule));

    public IEnumerable<KnownDeviation> For(string recording, string group) =>
        _items.Values.Where(d => d.Recording == recording && Rules.GroupOf(d.Rule) == group);
}
