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
/// <see cref="PauseAfterNoHit"/> values, which are validated without being kept. Objects are kept by their shape as
/// well (see <see cref="ShapeDecides"/>): an object whose member names, and which of them are null, are those of one
/// found valid against the same schema has only its members validated, against the schemas NJsonSchema chose for them
/// then; if one has errors, NJsonSchema validates the whole object again. So an image whose fields are all new still
/// costs NJsonSchema its fields, not its envelope. Safe for concurrent use.
/// </summary>
public sealed class ValidValues
{
    /// <summary>How many valid values are kept for one schema before they are forgotten.</summary>
    public const int MaxValuesPerSchema = 512;

    /// <summary>How many shapes of valid objects (see <see cref="Shape"/>) are kept for one schema, the oldest replaced first.</summary>
    public const int MaxShapesPerSchema = 8;

    /// <summary>Objects with more members than this are validated by NJsonSchema alone, without a shape kept.</summary>
    public const int MaxShapeMembers = 64;

    private readonly ConditionalWeakTable<JsonSchema, Shapes> _shapes = new();

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
        if (!_enabled)
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

    /// <summary>
    /// Whether NJsonSchema's verdict on an object under <paramref name="schema"/> is made of its members' names (and which
    /// of them are null) and of its members' own verdicts only: true when the schema has no <c>anyOf</c>, <c>allOf</c>,
    /// <c>oneOf</c>, <c>not</c> or <c>enum</c>, which read the object as a whole. The other keywords NJsonSchema checks
    /// on an object (its type; <c>properties</c>, <c>required</c>, <c>patternProperties</c>,
    /// <c>additionalProperties</c>, <c>minProperties</c>, <c>maxProperties</c>) read the names, and hand each member to
    /// a schema chosen by its name.
    /// </summary>
    internal static bool ShapeDecides(JsonSchema schema) =>
        schema.AnyOf.Count == 0 && schema.AllOf.Count == 0 && schema.OneOf.Count == 0 && schema.Not is null && schema.Enumeration.Count == 0;

    private Shape? FindShape(JsonSchema schema, SchemaType schemaType, JObject value)
    {
        lock (_lock)
        {
            if (!_shapes.TryGetValue(schema, out var shapes))
            {
                return null;
            }

            foreach (var shape in shapes.Kept)
            {
                if (shape is not null && shape.SchemaType == schemaType && shape.Fits(value))
                {
                    return shape;
                }
            }

            return null;
        }
    }

    private void KeepShape(JsonSchema schema, Shape shape)
    {
        lock (_lock)
        {
            var shapes = _shapes.GetValue(schema, _ => new Shapes());
            shapes.Kept[shapes.Next] = shape;
            shapes.Next = (shapes.Next + 1) % MaxShapesPerSchema;
        }
    }

    /// <summary>
    /// The shape of an object NJsonSchema found valid: its members' names in order, which of them were null, and which
    /// member NJsonSchema validated against which schema. Another object of the same shape under the same schema is
    /// valid exactly when each of those members is valid against the same schema (see <see cref="ShapeDecides"/>).
    /// </summary>
    private sealed class Shape
    {
        private readonly string[] _names;
        private readonly bool[] _nulls;

        public Shape(SchemaType schemaType, JObject value, List<(JProperty Member, JsonSchema Schema)> calls)
        {
            SchemaType = schemaType;
            var members = value.Properties().ToList();
            _names = [.. members.Select(m => m.Name)];
            _nulls = [.. members.Select(m => m.Value.Type == JTokenType.Null)];
            Calls = [.. calls.Select(c => (members.FindIndex(m => ReferenceEquals(m, c.Member)), c.Schema)).OrderBy(c => c.Item1)];
        }

        public SchemaType SchemaType { get; }

        /// <summary>Which member (by its place) NJsonSchema validated against which schema, in the members' order.</summary>
        public (int Member, JsonSchema Schema)[] Calls { get; }

        public bool Fits(JObject value)
        {
            if (value.Count != _names.Length)
            {
                return false;
            }

            var i = 0;
            foreach (var member in value.Properties())
            {
                if (!string.Equals(member.Name, _names[i], StringComparison.Ordinal) || (member.Value.Type == JTokenType.Null) != _nulls[i])
                {
                    return false;
                }

                i++;
            }

            return true;
        }
    }

    /// <summary>The shapes kept for one schema.</summary>
    private sealed class Shapes
    {
        public Shape?[] Kept { get; } = new Shape?[MaxShapesPerSchema];

        public int Next { get; set; }
    }

    /// <summary>An object whose members' validations are being noted, inside the one being noted before it.</summary>
    internal sealed class Recording(JObject value, Recording? outer)
    {
        public JObject Value => value;

        public Recording? Outer => outer;

        public List<(JProperty Member, JsonSchema Schema)> Calls { get; } = [];
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

        /// <summary>The innermost object whose members' validations are being noted, or null.</summary>
        public Recording? Recording { get; set; }

        /// <summary>Notes that NJsonSchema validates <paramref name="token"/> against <paramref name="schema"/>, when it is a member of the object being noted.</summary>
        public void Note(JToken token, JsonSchema schema)
        {
            if (Recording is { } recording && token.Parent is JProperty member && ReferenceEquals(member.Parent, recording.Value))
            {
                recording.Calls.Add((member, schema));
            }
        }

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
            if (frame is null)
            {
                return base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            frame.Note(token, schema);
            if (!frame.TryFind(token, out var written))
            {
                return ValidateByShape(frame, token, schema, schemaType, propertyName, propertyPath);
            }

            var look = frame.Memo.Find(schema, written);
            if (look == Look.Known)
            {
                return new List<ValidationError>();
            }

            var errors = ValidateByShape(frame, token, schema, schemaType, propertyName, propertyPath);
            if (errors.Count == 0 && look == Look.Unknown)
            {
                frame.Memo.Keep(schema, written);
            }

            return errors;
        }

        /// <summary>
        /// An object of a shape found valid before under the schema has its members validated (through this validator)
        /// against the schemas NJsonSchema chose for them then; when one has errors, NJsonSchema validates the whole
        /// object, so every error comes from it. An object of a new shape is validated by NJsonSchema, and its shape
        /// kept when it is valid.
        /// </summary>
        private ICollection<ValidationError> ValidateByShape(Frame frame, JToken token, JsonSchema schema, SchemaType schemaType, string propertyName, string propertyPath)
        {
            if (token is not JObject value || value.Count > MaxShapeMembers || !ShapeDecides(schema))
            {
                return base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            if (frame.Memo.FindShape(schema, schemaType, value) is { } shape)
            {
                return MembersValid(shape, value, schemaType, propertyPath)
                    ? new List<ValidationError>()
                    : base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            var recording = new Recording(value, frame.Recording);
            frame.Recording = recording;
            ICollection<ValidationError> errors;
            try
            {
                errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }
            finally
            {
                frame.Recording = recording.Outer;
            }

            if (errors.Count == 0)
            {
                frame.Memo.KeepShape(schema, new Shape(schemaType, value, recording.Calls));
            }

            return errors;
        }

        private bool MembersValid(Shape shape, JObject value, SchemaType schemaType, string propertyPath)
        {
            var calls = shape.Calls;
            var next = 0;
            var place = 0;
            foreach (var member in value.Properties())
            {
                for (; next < calls.Length && calls[next].Member == place; next++)
                {
                    var path = string.IsNullOrEmpty(propertyPath) ? member.Name : propertyPath + "." + member.Name;
                    if (Validate(member.Value, calls[next].Schema, schemaType, member.Name, path).Count != 0)
                    {
                        return false;
                    }
                }

                place++;
            }

            return true;
        }
    }
}
