using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NJsonSchema.Validation.FormatValidators;

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
/// costs NJsonSchema its fields, not its envelope. Three smaller memos do the same for what is not a noted value: under
/// a schema that reads only a value's JSON type (see <see cref="TypeDecides"/>, <c>{"type": "string"}</c>), the JSON
/// types found valid; short strings (a link's <c>rel</c>) by the string itself; and an array under a schema whose
/// <c>items</c> alone decide (see <see cref="ItemsDecide"/>) has its items judged through the memo, NJsonSchema
/// validating the whole array again when one has errors. A string or integer new in every body (an image's id, times
/// and size) under a schema that reads only a pattern, a format, lengths or bounds is found valid by
/// <see cref="LeafRule"/>, without NJsonSchema's whole validation. Safe for concurrent use.
/// </summary>
public sealed class ValidValues
{
    /// <summary>How many valid values are kept for one schema before they are forgotten.</summary>
    public const int MaxValuesPerSchema = 512;

    /// <summary>How many shapes of valid objects (see <see cref="Shape"/>) are kept for one schema, the oldest replaced first.</summary>
    public const int MaxShapesPerSchema = 8;

    /// <summary>Objects with more members than this are validated by NJsonSchema alone, without a shape kept.</summary>
    public const int MaxShapeMembers = 64;

    // Each thread keeps a memo of its own for each ValidValues, so that nothing is locked; weak keys: the memo goes
    // with the ValidValues, and the memo of a schema with the schema (a profile catalog loaded again brings its own).
    [ThreadStatic]
    private static ConditionalWeakTable<ValidValues, ThreadMemo>? _threadMemos;
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
        _threadMemos ??= new();
        var mine = _threadMemos.GetValue(this, _ => new ThreadMemo());
        if (!ReferenceEquals(mine.Validator, validator))
        {
            // What was found valid with one validator's format checks says nothing under another's.
            mine.Validator = validator;
            mine.Schemas = new();
        }

        Validator.Current = new Frame(mine.Schemas, validator.Formats, text, values);
        try
        {
            return validator.Validate(body, schema);
        }
        finally
        {
            Validator.Current = previous;
        }
    }

    /// <summary>What one thread keeps for one <see cref="ValidValues"/>: the validator it was kept with, and the memo of each schema.</summary>
    private sealed class ThreadMemo
    {
        public Validator? Validator { get; set; }

        public ConditionalWeakTable<JsonSchema, SchemaMemo> Schemas { get; set; } = new();
    }

    /// <summary>What the memo says of a value: found valid before, to be validated and kept, or to be validated only.</summary>
    internal enum Look
    {
        Known,
        Unknown,
        Paused,
    }

    /// <summary>
    /// What one thread keeps for one schema: what NJsonSchema 10.7.2 reads of a value under it, worked out once (whether
    /// the value's JSON type alone decides, see <see cref="TypeDecides"/>; whether an array's items alone decide, see
    /// <see cref="ItemsDecide"/>; whether an object's shape and members decide, see <see cref="ShapeDecides"/>); the JSON
    /// types found valid under it when the type decides; the noted values and the short strings found valid; and the
    /// shapes of objects found valid.
    /// </summary>
    internal sealed class SchemaMemo(JsonSchema schema, IReadOnlyDictionary<string, IFormatValidator[]> formats)
    {
        private readonly Shape?[] _shapes = new Shape?[MaxShapesPerSchema];
        private int _nextShape;
        private ulong _validTypes;

        public JsonSchema Schema => schema;

        public bool TypeDecides { get; } = ValidValues.TypeDecides(schema);

        public bool ItemsDecide { get; } = ValidValues.ItemsDecide(schema);

        public bool ShapeDecides { get; } = ValidValues.ShapeDecides(schema);

        /// <summary>When a string or integer is valid under the schema, where the schema reads nothing else of it.</summary>
        public LeafRule? Leaf { get; } = LeafRule.For(schema, formats);

        /// <summary>The memo of the schema's <c>items</c>, once an array was judged by its items.</summary>
        public SchemaMemo? Items { get; set; }

        /// <summary>The noted values found valid, by their text.</summary>
        public Kept Values { get; } = new();

        /// <summary>The strings that are not noted values (a link's rel) found valid, by the string itself.</summary>
        public Kept Strings { get; } = new();

        public bool TypeFoundValid(SchemaType schemaType, JTokenType type) => (_validTypes & Bit(schemaType, type)) != 0;

        public void KeepType(SchemaType schemaType, JTokenType type) => _validTypes |= Bit(schemaType, type);

        public Shape? FindShape(SchemaType schemaType, JObject value)
        {
            foreach (var shape in _shapes)
            {
                if (shape is not null && shape.SchemaType == schemaType && shape.Fits(value))
                {
                    return shape;
                }
            }

            return null;
        }

        public void KeepShape(Shape shape)
        {
            _shapes[_nextShape] = shape;
            _nextShape = (_nextShape + 1) % MaxShapesPerSchema;
        }

        private static ulong Bit(SchemaType schemaType, JTokenType type) => 1UL << (((int)schemaType * 20) + (int)type);
    }

    /// <summary>
    /// Whether NJsonSchema's verdict on a value that is neither an object nor an array under <paramref name="schema"/>
    /// depends on the value's JSON type alone: true when the schema has none of the keywords that read a value (<c>anyOf</c>, <c>allOf</c>,
    /// <c>oneOf</c>, <c>not</c>, <c>enum</c>, <c>pattern</c>, <c>minLength</c>, <c>maxLength</c>, <c>format</c>, the
    /// numeric bounds and <c>multipleOf</c>) and none that a value outside an object fails (<c>properties</c>,
    /// <c>required</c>). <c>{"type": "string"}</c> (a link's href) is such a schema: every string is valid against it.
    /// </summary>
    internal static bool TypeDecides(JsonSchema schema) =>
        ShapeDecides(schema) && string.IsNullOrEmpty(schema.Pattern) && schema.MinLength is null && schema.MaxLength is null
        && string.IsNullOrEmpty(schema.Format) && schema.Minimum is null && schema.Maximum is null && schema.ExclusiveMinimum is null
        && schema.ExclusiveMaximum is null && schema.MultipleOf is null && schema.Properties.Count == 0 && schema.RequiredProperties.Count == 0;

    /// <summary>
    /// Whether NJsonSchema's verdict on an array under <paramref name="schema"/> is its items' verdicts against the
    /// schema's <c>items</c>: true for a schema of type array (that type alone) with one <c>items</c> schema and none of
    /// <c>anyOf</c>, <c>allOf</c>, <c>oneOf</c>, <c>not</c>, <c>enum</c>, <c>minItems</c>, <c>maxItems</c>,
    /// <c>uniqueItems</c>, tuple <c>items</c>, <c>properties</c> or <c>required</c>.
    /// </summary>
    internal static bool ItemsDecide(JsonSchema schema) =>
        ShapeDecides(schema) && schema.Type == JsonObjectType.Array && schema.Item is not null && schema.Items.Count == 0
        && schema.MinItems == 0 && schema.MaxItems == 0 && !schema.UniqueItems && schema.Properties.Count == 0 && schema.RequiredProperties.Count == 0;

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

    /// <summary>
    /// The shape of an object NJsonSchema found valid: its members' names in order, which of them were null, and which
    /// member NJsonSchema validated against which schema. Another object of the same shape under the same schema is
    /// valid exactly when each of those members is valid against the same schema (see <see cref="ShapeDecides"/>).
    /// </summary>
    internal sealed class Shape
    {
        private readonly string[] _names;
        private readonly bool[] _nulls;

        public Shape(SchemaType schemaType, JObject value, List<(JProperty Member, SchemaMemo Schema)> calls)
        {
            SchemaType = schemaType;
            var members = value.Properties().ToList();
            _names = [.. members.Select(m => m.Name)];
            _nulls = [.. members.Select(m => m.Value.Type == JTokenType.Null)];
            Calls = [.. calls.Select(c => (members.FindIndex(m => ReferenceEquals(m, c.Member)), c.Schema)).OrderBy(c => c.Item1)];
        }

        public SchemaType SchemaType { get; }

        /// <summary>Which member (by its place) NJsonSchema validated against which schema, in the members' order.</summary>
        public (int Member, SchemaMemo Schema)[] Calls { get; }

        public bool Fits(JObject value)
        {
            if (value.Count != _names.Length)
            {
                return false;
            }

            // Members are walked by their siblings, which allocates nothing (JObject.Properties() does).
            var i = 0;
            for (var member = (JProperty?)value.First; member is not null; member = (JProperty?)member.Next)
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

    /// <summary>An object whose members' validations are being noted, inside the one being noted before it.</summary>
    internal sealed class Recording(JObject value, Recording? outer)
    {
        public JObject Value => value;

        public Recording? Outer => outer;

        public List<(JProperty Member, SchemaMemo Schema)> Calls { get; } = [];

        /// <summary>True while one of the object's members is being validated.</summary>
        public bool InMember { get; set; }
    }

    /// <summary>How many values of a schema are validated without being looked up or kept after its memo filled without a hit.</summary>
    public const int PauseAfterNoHit = 8 * MaxValuesPerSchema;

    /// <summary>The valid values of one schema, how often they were met again since the set was last emptied, and the pause.</summary>
    internal sealed class Kept
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private int _hits;
        private int _paused;

        /// <summary>What the memo says of a value: found valid before, to be validated and kept, or to be validated only.</summary>
        public Look Find(ReadOnlySpan<char> value)
        {
            if (_paused > 0)
            {
                _paused--;
                return Look.Paused;
            }

            if (!_set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value))
            {
                return Look.Unknown;
            }

            _hits++;
            return Look.Known;
        }

        /// <summary>Keeps a value found valid.</summary>
        public void Keep(ReadOnlySpan<char> value)
        {
            if (_set.Count >= MaxValuesPerSchema)
            {
                // A schema whose values never came back (an image's id or name in a capture of many images) is not
                // worth keeping for a while: its next values are validated without being kept.
                _paused = _hits == 0 ? PauseAfterNoHit : 0;
                _hits = 0;
                _set.Clear();
                if (_paused > 0)
                {
                    return;
                }
            }

            _set.Add(value.ToString());
        }
    }

    /// <summary>The body being validated on this thread: its text, its noted values, and the thread's memo they go to.</summary>
    internal sealed class Frame(
        ConditionalWeakTable<JsonSchema, SchemaMemo> memos,
        IReadOnlyDictionary<string, IFormatValidator[]> formats,
        string text,
        IReadOnlyList<StrictJson.ValueText> values)
    {

        /// <summary>Up to this many noted values are searched one by one; beyond, through a table made once.</summary>
        private const int ScanLimit = 32;

        private Dictionary<JToken, int>? _index;
        private int _next;

        /// <summary>Whether the token is one of the noted values, and where its text is (constant time for many values).</summary>
        public bool TryFind(JToken token, out ReadOnlySpan<char> written)
        {
            written = default;
            int found;
            if (values.Count <= ScanLimit)
            {
                // Replays walk an object's members in the order they were written, as the values are listed: the
                // search starts after the value found last, so that it mostly finds the next one at once.
                var listed = values switch
                {
                    List<StrictJson.ValueText> list => CollectionsMarshal.AsSpan(list),
                    StrictJson.ValueText[] array => array,
                    _ => [.. values],
                };
                found = -1;
                for (var step = 0; step < listed.Length; step++)
                {
                    var i = _next + step < listed.Length ? _next + step : _next + step - listed.Length;
                    if (ReferenceEquals(listed[i].Value, token))
                    {
                        found = i;
                        _next = i + 1 < listed.Length ? i + 1 : 0;
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

        /// <summary>This thread's memo of <paramref name="schema"/>.</summary>
        public SchemaMemo MemoOf(JsonSchema schema) => memos.TryGetValue(schema, out var memo) ? memo : memos.GetValue(schema, s => new SchemaMemo(s, formats));

        /// <summary>The innermost object whose members' validations are being noted, or null.</summary>
        public Recording? Recording { get; set; }

        /// <summary>
        /// Notes that NJsonSchema validates <paramref name="token"/> against <paramref name="schema"/>, when it is a
        /// member of the object being noted and not already being validated (an <c>anyOf</c> alternative tried on the
        /// member is part of the member's own validation, not a validation of the object's). Returns the recording
        /// marked as validating that member, for the caller to unmark when done; null when nothing was noted.
        /// </summary>
        public Recording? Note(JToken token, SchemaMemo schema)
        {
            if (Recording is { InMember: false } recording && token.Parent is JProperty member && ReferenceEquals(member.Parent, recording.Value))
            {
                recording.Calls.Add((member, schema));
                recording.InMember = true;
                return recording;
            }

            return null;
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
        // What a value found valid by the memo gets: NJsonSchema only reads the errors its calls return.
        private static readonly ICollection<ValidationError> NoErrors = Array.Empty<ValidationError>();

        /// <summary>The format checks of the settings, by format name, grouped as NJsonSchema groups them.</summary>
        public IReadOnlyDictionary<string, IFormatValidator[]> Formats { get; } =
            settings.FormatValidators.GroupBy(v => v.Format, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

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
            return frame is null
                ? base.Validate(token, schema, schemaType, propertyName, propertyPath)
                : ValidateWith(frame, frame.MemoOf(schema), token, schemaType, propertyName, propertyPath);
        }

        private ICollection<ValidationError> ValidateWith(Frame frame, SchemaMemo memo, JToken token, SchemaType schemaType, string propertyName, string propertyPath)
        {
            var noting = frame.Note(token, memo);
            try
            {
                return ValidateKnown(frame, memo, token, schemaType, propertyName, propertyPath);
            }
            finally
            {
                if (noting is not null)
                {
                    noting.InMember = false;
                }
            }
        }

        /// <summary>
        /// A value (not an object or array) under a schema that reads only its type, a string or integer under a schema
        /// with a rule of its own (see <see cref="LeafRule"/>), a noted value, or a string found valid before: the memo's
        /// or the rule's "valid" when it has one; else NJsonSchema's verdict (by shape or items for objects and arrays),
        /// kept when valid.
        /// </summary>
        private ICollection<ValidationError> ValidateKnown(Frame frame, SchemaMemo memo, JToken token, SchemaType schemaType, string propertyName, string propertyPath)
        {
            var schema = memo.Schema;
            if (token is JValue && memo.TypeDecides)
            {
                if (memo.TypeFoundValid(schemaType, token.Type))
                {
                    return NoErrors;
                }

                var typed = base.Validate(token, schema, schemaType, propertyName, propertyPath);
                if (typed.Count == 0)
                {
                    memo.KeepType(schemaType, token.Type);
                }

                return typed;
            }

            if (token is JValue leafValue && memo.Leaf is { } leaf)
            {
                return leaf.Valid(leafValue) ? NoErrors : base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            // The values kept are not told apart by schema type (which decides where null is allowed): Validate
            // above always validates with the JSON Schema type.
            Kept kept;
            ReadOnlySpan<char> written;
            if (frame.TryFind(token, out written))
            {
                kept = memo.Values;
            }
            else if (token is JValue { Type: JTokenType.String, Value: string text } && text.Length <= StrictJson.ValueTextLimit)
            {
                kept = memo.Strings;
                written = text;
            }
            else
            {
                return ValidateByStructure(frame, memo, token, schemaType, propertyName, propertyPath);
            }

            var look = kept.Find(written);
            if (look == Look.Known)
            {
                return NoErrors;
            }

            var errors = ValidateByStructure(frame, memo, token, schemaType, propertyName, propertyPath);
            if (errors.Count == 0 && look == Look.Unknown)
            {
                kept.Keep(written);
            }

            return errors;
        }

        /// <summary>
        /// An array under a schema whose items decide has its items validated (through this validator) against the
        /// schema's <c>items</c>; an object of a shape found valid before under the schema has its members validated
        /// against the schemas NJsonSchema chose for them then. When one has errors, NJsonSchema validates the whole
        /// array or object, so every error comes from it. An object of a new shape is validated by NJsonSchema, and
        /// its shape kept when it is valid.
        /// </summary>
        private ICollection<ValidationError> ValidateByStructure(Frame frame, SchemaMemo memo, JToken token, SchemaType schemaType, string propertyName, string propertyPath)
        {
            var schema = memo.Schema;
            if (token is JArray array && memo.ItemsDecide)
            {
                memo.Items ??= frame.MemoOf(schema.Item!.ActualSchema);
                return ItemsValid(frame, array, memo.Items, schemaType, propertyPath)
                    ? NoErrors
                    : base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            if (token is not JObject value || value.Count > MaxShapeMembers || !memo.ShapeDecides)
            {
                return base.Validate(token, schema, schemaType, propertyName, propertyPath);
            }

            if (memo.FindShape(schemaType, value) is { } shape)
            {
                return MembersValid(frame, shape, value, schemaType, propertyPath)
                    ? NoErrors
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
                memo.KeepShape(new Shape(schemaType, value, recording.Calls));
            }

            return errors;
        }

        // A replay's errors are never reported (NJsonSchema validates the whole again when there are any), so the
        // members and items are validated with their container's path rather than paths of their own.
        private bool ItemsValid(Frame frame, JArray array, SchemaMemo item, SchemaType schemaType, string propertyPath)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (ValidateWith(frame, item, array[i], schemaType, null!, propertyPath).Count != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private bool MembersValid(Frame frame, Shape shape, JObject value, SchemaType schemaType, string propertyPath)
        {
            var calls = shape.Calls;
            var next = 0;
            var place = 0;
            for (var member = (JProperty?)value.First; member is not null; member = (JProperty?)member.Next)
            {
                for (; next < calls.Length && calls[next].Member == place; next++)
                {
                    if (ValidateWith(frame, calls[next].Schema, member.Value, schemaType, member.Name, propertyPath).Count != 0)
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
