using System.Globalization;
using System.Text.RegularExpressions;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Baselines;

/// <summary>
/// Known deviations, read from a JSON file:
/// <c>{"deviations": [{"recording": "huawei-ecs/huawei-document-example.har#1", "rule": "links.self_version", "path": "image.links[0].href", "reason": "..."}]}</c>.
/// The recording is the exchange name relative to the recordings folder; an entry also matches when the run's
/// recordings folder is deeper or shallower (<c>nova-local/a.har#0</c> matches <c>a.har#0</c> when the run judges
/// <c>fixtures/nova-local</c> itself), as long as the names agree on whole path segments. The optional path and
/// value narrow an entry to one place (see <see cref="KnownDeviation"/>).
/// </summary>
public sealed partial class Baseline
{
    /// <summary>The keys a deviation may have.</summary>
    public static readonly IReadOnlyList<string> DeviationKeys = ["recording", "rule", "path", "value", "reason"];

    private const int ListedProblems = 20;

    private readonly List<KnownDeviation> _items;

    /// <summary>A baseline of these deviations; entries alike in recording, rule, path and value are kept once.</summary>
    /// <param name="deviations">The known deviations, in file order.</param>
    public Baseline(IEnumerable<KnownDeviation> deviations)
    {
        _items = deviations.DistinctBy(d => (d.Recording, d.Rule, d.Path, Value: d.Value?.ToString(Formatting.None))).ToList();
    }

    /// <summary>A baseline that knows no deviation (a run without a baseline file).</summary>
    public static Baseline Empty { get; } = new([]);

    /// <summary>The deviations, duplicates removed, in file order.</summary>
    public IReadOnlyCollection<KnownDeviation> Deviations => _items;

    /// <summary>Reads and checks a baseline file; any problem stops with a message naming the file and the place.</summary>
    public static Baseline Load(string path)
    {
        JToken root;
        try
        {
            root = JToken.Parse(File.ReadAllText(path), new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Baseline {path} is not valid JSON: {e.Message}", e);
        }

        if (root is not JObject top)
        {
            throw new InvalidDataException($"Baseline {path} must be a JSON object with a \"deviations\" array, not {Kind(root)}");
        }

        var problems = new List<string>();
        foreach (var property in top.Properties().Where(p => p.Name != "deviations"))
        {
            problems.Add($"{At(property)}: unknown key \"{property.Name}\"{Hint(property.Name, ["deviations"])}");
        }

        if (top["deviations"] is not JArray array)
        {
            problems.Add(top["deviations"] is { } other ? $"{At(other)}: \"deviations\" must be an array, not {Kind(other)}" : "has no \"deviations\" array");
            throw Problems(path, problems);
        }

        var deviations = new List<KnownDeviation>();
        for (var i = 0; i < array.Count; i++)
        {
            if (Read(array[i], i, problems) is { } deviation)
            {
                deviations.Add(deviation);
            }
        }

        if (problems.Count > 0)
        {
            throw Problems(path, problems);
        }

        return new Baseline(deviations);
    }

    /// <summary>The deviation that accepts the violation in this recording entry, the most specific first; null when none does.</summary>
    public KnownDeviation? Find(string recording, Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return _items.Where(d => d.Accepts(violation) && SameRecording(d.Recording, recording)).MaxBy(d => d.Precision);
    }

    /// <summary>The first deviation of the rule listed for this recording entry, whatever its path.</summary>
    public KnownDeviation? Find(string recording, string rule) =>
        _items.FirstOrDefault(d => d.Rule == rule && SameRecording(d.Recording, recording));

    /// <summary>The deviations listed for one recording entry and check group, whatever their path.</summary>
    /// <param name="recording">The exchange name, such as <c>nova-local/a.har#0</c>.</param>
    /// <param name="group">A check group of <see cref="CheckGroups"/>.</param>
    public IEnumerable<KnownDeviation> For(string recording, string group) =>
        _items.Where(d => Rules.GroupOf(d.Rule) == group && SameRecording(d.Recording, recording));

    /// <summary>True when one name equals the other or ends with it after a '/'.</summary>
    public static bool SameRecording(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == b.Length)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.EndsWith(shorter, StringComparison.Ordinal) && longer[longer.Length - shorter.Length - 1] == '/';
    }

    /// <summary>
    /// Why a path cannot name a place a report shows after "Where:", or null when it can: not blank, no spaces at
    /// its ends, no control characters, no empty segment (<c>image..size</c>), and brackets holding an index or
    /// <c>*</c> (<c>image.links[0].href</c>, <c>image.links[*].href</c>).
    /// </summary>
    public static string? PathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Trim().Length == 0)
        {
            return "is blank";
        }

        if (path.Trim().Length != path.Length)
        {
            return "has spaces at its start or end";
        }

        if (path.Any(char.IsControl))
        {
            return "holds a control character";
        }

        if (path.StartsWith('.') || path.EndsWith('.') || path.Contains("..", StringComparison.Ordinal) || path.Contains(".[", StringComparison.Ordinal))
        {
            return "has an empty segment";
        }

        var rest = BracketPattern().Replace(path, string.Empty);
        if (rest.Contains('[', StringComparison.Ordinal) || rest.Contains(']', StringComparison.Ordinal))
        {
            return "has a bracket that is not an array index ([0]) or any index ([*])";
        }

        if (path.StartsWith('['))
        {
            return "starts with an index: name the field first (image.links[0])";
        }

        return null;
    }

    private static KnownDeviation? Read(JToken item, int index, List<string> problems)
    {
        var where = $"deviation {index} ({Line(item)})";
        if (item is not JObject entry)
        {
            problems.Add($"{where}: must be an object with \"recording\", \"rule\" and \"reason\", not {Kind(item)}");
            return null;
        }

        var before = problems.Count;
        foreach (var property in entry.Properties().Where(p => !DeviationKeys.Contains(p.Name)))
        {
            problems.Add($"deviation {index} ({Line(property)}): unknown key \"{property.Name}\"{Hint(property.Name, DeviationKeys)}");
        }

        var recording = Text(entry, "recording", where, problems, required: true);
        var rule = Text(entry, "rule", where, problems, required: true);
        var reason = Text(entry, "reason", where, problems, required: true);
        var path = Text(entry, "path", where, problems, required: false);
        var value = entry["value"];
        if (recording is not null && !RecordingPattern().IsMatch(recording))
        {
            problems.Add($"{where}: \"recording\" '{recording}' names no entry: expected a file and an entry index, as in \"nova-local/a.har#0\"");
        }

        if (rule is not null && !Rules.TryGet(rule, out _))
        {
            problems.Add($"{where}: names the unknown rule '{rule}'{Hint(rule, Rules.Ids)}");
        }

        if (path is not null && PathProblem(path) is { } problem)
        {
            problems.Add($"{where}: \"path\" '{path}' is not a path: it {problem}");
        }

        if (value is not null && value.ToString(Newtonsoft.Json.Formatting.None).Length > KnownDeviation.LongestValue)
        {
            problems.Add($"{where}: \"value\" is longer than {KnownDeviation.LongestValue} characters of JSON, more than a report shows of a value, so it could not be told from another value with the same beginning: name the path alone");
        }

        if (value is not null && entry["path"] is null)
        {
            problems.Add($"{where}: \"value\" needs a \"path\" (the place where that value is accepted)");
        }

        return problems.Count > before ? null : new KnownDeviation(recording!, rule!, reason!, path, value);
    }

    private static string? Text(JObject entry, string key, string where, List<string> problems, bool required)
    {
        var token = entry[key];
        if (token is null)
        {
            if (required)
            {
                problems.Add($"{where}: needs \"{key}\" (deviations need \"recording\", \"rule\" and \"reason\" strings)");
            }

            return null;
        }

        if (token.Type != JTokenType.String)
        {
            problems.Add($"{where}: \"{key}\" must be a string, not {Kind(token)}");
            return null;
        }

        var text = (string)token!;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{where}: \"{key}\" is blank");
            return null;
        }

        return text;
    }

    private static InvalidDataException Problems(string path, List<string> problems)
    {
        var shown = problems.Take(ListedProblems).ToList();
        var more = problems.Count > shown.Count ? $"{Environment.NewLine}  ... and {problems.Count - shown.Count} more" : string.Empty;
        return problems.Count == 1
            ? new InvalidDataException($"Baseline {path}: {problems[0]}")
            : new InvalidDataException($"Baseline {path} has {problems.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, shown.Select(p => "  " + p)) + more);
    }

    private static string Hint(string name, IEnumerable<string> known) =>
        ProfileFile.Nearest(name, known) is { } nearest ? $" (did you mean \"{nearest}\"?)" : string.Empty;

    private static string At(JToken token) => Line(token);

    private static string Line(JToken token) =>
        token is IJsonLineInfo info && info.HasLineInfo() ? string.Create(CultureInfo.InvariantCulture, $"line {info.LineNumber}") : "line unknown";

    private static string Kind(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => $"the number {token.ToString(Formatting.None)}",
        JTokenType.Boolean => $"{token.ToString(Formatting.None)}",
        JTokenType.Null => "null",
        _ => JudgeContext.Show(token),
    };

    [GeneratedRegex(@"\[([0-9]+|\*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketPattern();

    [GeneratedRegex(@"#[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RecordingPattern();
}
