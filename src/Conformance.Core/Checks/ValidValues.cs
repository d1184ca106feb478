using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Checks;

/// <summary>
/// The values NJsonSchema found valid against a schema, by the exact text they were written with, so that a value met
/// again (an image's <c>status</c>, <c>metadata</c> or <c>links</c> in the next body) is not validated again. Whether a
/// value is valid against a schema depends on the two only, and two values written alike parse to the same value; so
/// the memo is exact, never a hash match. Only valid values are kept: a value with errors is validated every time, and
/// its errors always come from NJsonSchema. Bounded: at most <see cref="MaxValuesPerSchema"/> values of at most
/// <see cref="StrictJson.ValueTextLimit"/> characters for each schema, forgotten together when full; a schema whose
/// values were never met again before it filled (an image's id in a capture of many images) pauses for
/// <see cref="PauseAfterNoHit"/> values, which are validated without being kept. Safe for concurrent use.
/// </summary>
public sealed class ValidValues
{
    /// <summary>How many valid values are kept for one schema before they are forgotten.</summary>
    public const int MaxValuesPerSchema = 512;

    // Weak keys: the memo of a schema goes with the schema (a profile catalog loaded again brings schemas of its own).
    private readonly ConditionalWeakTable<JsonSchema, Kept> _bySchema = new();
    private readonly Lock _lock = new();
    private readonly bool _enabled;

    /// <summary>A memo of its own (the judge's default), or one that keeps nothing.</summary>
    /// <param name="enabled">False for a memo that keeps nothing, so that every value is validated every time.</param>
    public ValidValues(bool enabled = true) => _enabled = enabled;

    /// <summary>A memo that keeps nothing.</summary>
    public static ValidValues None { get; } = new(enabled: false);

    /// <summary>
    /// Validates <paramref name="body"/> against <paramref name="schema"/> with <paramref name="validator"/>'s settings,
    /// skipping the values listed in <paramref name="values"/> that were found valid against the same schema before.
    /// </summary>
    /// <param name="validator">The validator whose format checks are used.</param>
    /// <param name="body">The parsed body.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="text">The body's text, which <paramref name="values"/> point into.</param>
    /// <param name="values">Values of <paramref name="body"/> (the tokens themselves) and where their text is.</param>
    internal ICollection<ValidationError> Validate(Validator validator, JToken body, JsonSchema schema, string text, IReadOnlyList<StrictJson.ValueText> values)
    {
        if (!_enabled || values.Count == 0)
        {
            return validator.Validate(body, schema);
        }

        var previous = Validator.Current;
        Validator.Current = new Frame(this, text, values);
        try
        {
            return validator.Validate(body, schema);
        }
        finally
        {
            Validator.Current = previous;
        }
    }

    /// <summary>What the memo says of a value: found valid before, to be validated and kept, or to be validated only.</summary>
    private enum Look
    {
        Known,
        Unknown,
        Paused,
    }

    private Look Find(JsonSchema schema, ReadOnlySpan<char> value)
    {
        lock (_lock)
        {
            if (!_bySchema.TryGetValue(schema, out var kept))
            {
                return Look.Unknown;
            }

            if (kept.Paused > 0)
            {
                kept.Paused--;
                return Look.Paused;
            }

            if (!kept.Set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value))
            {
                return Look.Unknown;
            }

            kept.Hits++;
            return Look.Known;
        }
    }

    private void Keep(JsonSchema schema, ReadOnlySpan<char> value)
    {
        lock (_lock)
        {
            var kept = _bySchema.GetValue(schema, _ => new Kept());
            if (kept.Set.Count >= MaxValuesPerSchema)
            {
                // A schema whose values never came back (an image's id or name in a capture of many images) is not
                // worth keeping for a while: its next values are validated without being kept.
                kept.Paused = kept.Hits == 0 ? PauseAfterNoHit : 0;
                kept.Hits = 0;
                kept.Set.Clear();
                if (kept.Paused > 0)
                {
                    return;
                }
            }

            kept.Set.Add(value.ToString());
        }
    }

    /// <summary>How many values of a schema are validated without being looked up or kept after its memo filled without a hit.</summary>
    public const int PauseAfterNoHit = 8 * MaxValuesPerSchema;

    /// <summary>The valid values of one schema, how often they were met again since the set was last emptied, and the pause.</summary>
    private sealed class Kept
    {
        public HashSet<string> Set { get; } = new(StringComparer.Ordinal);

        public int Hits { get; set; }

        public int Paused { get; set; }
    }

    /// <summary>The body being validated on this thread: its text, its noted values, and the memo they go to.</summary>
    internal sealed class Frame(ValidValues memo, string text, IReadOnlyList<StrictJson.ValueText> values)
    {
        /// <summary>Up to this many noted values are searched one by one; beyond, through a table made once.</summary>
        private const int ScanLimit = 32;

        private Dictionary<JToken, int>? _index;

        /// <summary>Whether the token is one of the noted values, and where its text is (constant time for many values).</summary>
        public bool TryFind(JToken token, out ReadOnlySpan<char> written)
        {
            written = default;
            int found;
            if (values.Count <= ScanLimit)
            {
                found = -1;
                for (var i = 0; i < values.Count; i++)
                {
                    if (ReferenceEquals(values[i].Value, token))
                    {
                        found = i;
                        break;
                    }
                }
            }
            else
            {
                _index ??= Index(values);
                found = _index.GetValueOrDefault(token, -1);
            }

            if (found < 0)
            {
                return false;
            }

            written = text.AsSpan(values[found].Start, values[found].Length);
            return true;
        }

        /// <summary>The memo the values go to.</summary>
        public ValidValues Memo => memo;

        private static Dictionary<JToken, int> Index(IReadOnlyList<StrictJson.ValueText> values)
        {
            var index = new Dictionary<JToken, int>(values.Count, ReferenceEqualityComparer.Instance);
            for (var i = 0; i < values.Count; i++)
            {
                index.TryAdd(values[i].Value, i);
            }

            return index;
        }
    }

    /// <summary>
    /// NJsonSchema's own validator; where the value it is about to validate is a noted value found valid against the
    /// same schema before, it reports no errors without descending into it, and it notes each noted value it finds valid.
    /// Everything else is NJsonSchema's.
    /// </summary>
    internal sealed class Validator(JsonSchemaValidatorSettings settings) : JsonSchemaValidator(settings)
    {
        [ThreadStatic]
        private static Frame? _current;

        /// <summary>The body being validated on this thread, or null.</summary>
        internal static Frame? Current
        {
            get => _current;
            set => _current = value;
        }

        /// <inheritdoc/>
        protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string propertyName, string propertyPath)
        {
            var frame = _current;
            if (frame is null || !frame.TryFind(token, out var written))
            {
                return base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            var look = frame.Memo.Find(schema, written);
            if (look == Look.Known)
            {
                return new List<ValidationError>();
            }

            var errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
            if (errors.Count == 0 && look == Look.Unknown)
            {
                frame.Memo.Keep(schema, written);
            }

            return errors;
        }
    }
}
