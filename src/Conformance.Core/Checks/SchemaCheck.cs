using Conformance.Core.Contracts;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Checks;

/// <summary>
/// Validates the body against the profile's JSON Schema and turns each schema error into a violation of the check
/// group that owns the field (links errors belong to links, timestamps to timestamps, and so on).
/// </summary>
public sealed class SchemaCheck : IBodyCheck
{
    private static readonly ValidValues.Validator Validator = CreateValidator();
    private readonly ValidValues _valid;

    /// <summary>A schema check that keeps the values it found valid in a memo of its own, or in <paramref name="valid"/>.</summary>
    /// <param name="valid">Where the values found valid are kept (<see cref="ValidValues.None"/> validates every value every time); null for a memo of this check's own.</param>
    public SchemaCheck(ValidValues? valid = null) => _valid = valid ?? new ValidValues();

    /// <summary>The body parses as strict JSON (RFC 8259).</summary>
    public static readonly Rule BodyJson = new("body.json", "Body is not JSON", Severity.Failure);
    /// <summary>The body is an object holding one <c>image</c> object.</summary>
    public static readonly Rule BodyEnvelope = new("body.envelope", "Body is not an image document", Severity.Failure);
    /// <summary>A field the schema requires, outside the other groups' fields, is present.</summary>
    public static readonly Rule BodyRequired = new("body.required", "Required field missing", Severity.Failure);
    /// <summary>A field outside the other groups' fields has the JSON type the schema gives.</summary>
    public static readonly Rule BodyType = new("body.type", "Wrong JSON type", Severity.Failure);
    /// <summary>A number outside the other groups' fields is within the schema's bounds (and 64 bits).</summary>
    public static readonly Rule BodyRange = new("body.range", "Value out of range", Severity.Failure);
    /// <summary>A string outside the other groups' fields has the form (pattern or format) the schema gives.</summary>
    public static readonly Rule BodyFormat = new("body.format", "String in the wrong form", Severity.Failure, ConstrainsBodyStringForm);

    /// <summary>A schema error that no named rule describes.</summary>
    public static readonly Rule BodySchema = new("body.schema", "Schema violation", Severity.Failure);

    /// <summary><c>image.id</c> is present.</summary>
    public static readonly Rule IdentityRequired = new("identity.required", "Required field missing", Severity.Failure);
    /// <summary><c>image.id</c> is a string.</summary>
    public static readonly Rule IdentityType = new("identity.type", "Wrong JSON type", Severity.Failure);
    /// <summary><c>image.id</c> is a UUID.</summary>
    public static readonly Rule IdentityFormat = new("identity.format", "Image id is not a UUID", Severity.Failure);

    /// <summary><c>created</c> and <c>updated</c> are present.</summary>
    public static readonly Rule TimestampsRequired = new("timestamps.required", "Required field missing", Severity.Failure);
    /// <summary><c>created</c> and <c>updated</c> are strings.</summary>
    public static readonly Rule TimestampsType = new("timestamps.type", "Wrong JSON type", Severity.Failure);
    /// <summary><c>created</c> and <c>updated</c> are strict ISO 8601 date-times (see <see cref="Contracts.Iso8601DateTime"/>).</summary>
    public static readonly Rule TimestampsFormat = new("timestamps.format", "Timestamp is not ISO 8601", Severity.Failure);

    /// <summary><c>links</c> is present.</summary>
    public static readonly Rule LinksRequired = new("links.required", "Required field missing", Severity.Failure);
    /// <summary><c>links</c> is an array of objects each with string <c>rel</c> and <c>href</c>, as the schema shapes them.</summary>
    public static readonly Rule LinksType = new("links.type", "Malformed link", Severity.Failure);
    /// <summary>Every link's <c>rel</c> is one the profile allows.</summary>
    public static readonly Rule LinksRel = new("links.rel", "Link relation not allowed", Severity.Failure);

    /// <summary>The status fields the schema requires (<c>status</c>, and <c>progress</c> where it does) are present.</summary>
    public static readonly Rule StatusRequired = new("status.required", "Required field missing", Severity.Failure);
    /// <summary><c>status</c> is a string and <c>progress</c> an integer.</summary>
    public static readonly Rule StatusType = new("status.type", "Wrong JSON type", Severity.Failure);
    /// <summary><c>progress</c> is within 0 to 100.</summary>
    public static readonly Rule StatusRange = new("status.range", "Value out of range", Severity.Failure);
    /// <summary><c>status</c> is one of the values the profile allows.</summary>
    public static readonly Rule StatusEnum = new("status.enum", "Image status not allowed", Severity.Failure);

    /// <summary><c>metadata</c> is present.</summary>
    public static readonly Rule MetadataRequired = new("metadata.required", "Required field missing", Severity.Failure);
    /// <summary><c>metadata</c> is an object of the shape the schema gives.</summary>
    public static readonly Rule MetadataType = new("metadata.type", "Metadata is not an object", Severity.Failure);
    /// <summary><c>OS-DCF:diskConfig</c>, where the profile lists it, is <c>AUTO</c> or <c>MANUAL</c>.</summary>
    public static readonly Rule DiskConfigEnum = new("metadata.disk_config_enum", "Disk config not allowed", Severity.Failure, p => p.ImageFields.Contains("OS-DCF:diskConfig"));
    /// <summary><c>server</c>, where the profile lists it, has the shape the schema gives (an id and links).</summary>
    public static readonly Rule ServerShape = new("metadata.server_shape", "Malformed server reference", Severity.Failure, p => p.ImageFields.Contains("server"));

    /// <summary>The rules of schema errors (an undocumented field fails here when the schema closes <c>image</c>).</summary>
    public IReadOnlyList<Rule> Reports { get; } =
    [
        BodyJson, BodyEnvelope, BodyRequired, BodyType, BodyRange, BodyFormat, BodySchema, FieldPresenceCheck.UnknownField,
        IdentityRequired, IdentityType, IdentityFormat,
        TimestampsRequired, TimestampsType, TimestampsFormat,
        LinksRequired, LinksType, LinksRel,
        StatusRequired, StatusType, StatusRange, StatusEnum,
        MetadataRequired, MetadataType, DiskConfigEnum, ServerShape,
    ];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context) =>
        context.Response.Status is not (>= 200 and < 300) ? [] : Validate(context);

    private List<Violation> Validate(JudgeContext context)
    {
        if (context.Body is null)
        {
            return [new Violation(BodyJson, "body", $"{context.BodyProblem}: {JudgeContext.Excerpt(context.Response.Body)}".TrimEnd(' ', ':'), context.Profile.Documented(BodyJson))];
        }

        if (context.Image is null)
        {
            return [new Violation(BodyEnvelope, "body", JudgeContext.Show(context.Body), context.Profile.Documented(BodyEnvelope))];
        }

        var findings = new PlaceFindings();
        var body = ForSchema(context);
        var errors = ReferenceEquals(body, context.Body)
            ? _valid.Validate(Validator, body, context.Profile.Schema, context.Response.Body, context.ValueTexts)
            : Validator.Validate(body, context.Profile.Schema);
        foreach (var error in errors.Count == 0 ? [] : Flatten(errors))
        {
            var (rule, location, field, where) = Classify(error, context.Profile);
            findings.Offer(rule, where, location, Detail(error.Kind), () => ToViolation(error, rule, location, field, where, context));
        }

        // Numbers no 64-bit type holds, where the schema found nothing else wrong (once per place).
        for (var i = 0; i < context.OutOfRange.Count; i++)
        {
            var number = context.OutOfRange[i];
            var path = number.Path;
            if (findings.Judged(path))
            {
                continue;
            }

            var field = FieldKey(path);
            var range = $"{context.Profile.GroupOf(field.Split('.', '[')[0])}.range";
            var rule = path.StartsWith("image.", StringComparison.Ordinal) && Rules.TryGet(range, out _) ? range : "body.range";
            findings.Offer(rule, path, path, Detail(ValidationErrorKind.NumberTooBig), () => new Violation(
                rule,
                path,
                number.Describe(),
                context.Profile.Documents(field) ? context.Profile.Documented(rule, field) : context.Profile.Documented(rule, "numbers")));
        }

        return OncePerNumber(findings.ToList(), context);
    }

    /// <summary>
    /// A number no 64-bit type holds is reported once at its place: where the schema fails it twice (<c>1e400</c> is
    /// neither an integer nor within a bound), the type's violation, which shows the number, is the one kept.
    /// </summary>
    private static List<Violation> OncePerNumber(List<Violation> found, JudgeContext context)
    {
        if (context.OutOfRange.Count == 0)
        {
            return found;
        }

        var places = context.OutOfRange.Select(n => n.Path).ToHashSet(StringComparer.Ordinal);
        var kept = found.Where(v => places.Contains(v.Where))
            .GroupBy(v => v.Where, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.FirstOrDefault(v => v.Rule.EndsWith(".type", StringComparison.Ordinal)) ?? g.First(), StringComparer.Ordinal);
        return [.. found.Where(v => !places.Contains(v.Where) || ReferenceEquals(kept[v.Where], v))];
    }

    /// <summary>
    /// True when the profile's schema constrains the form of a string field owned by the body group (a pattern or a
    /// format), so that body.format can fail there: rackspace's size written as a string of digits, for instance.
    /// </summary>
    private static bool ConstrainsBodyStringForm(Profile profile)
    {
        var image = profile.Schema.ActualProperties.TryGetValue("image", out var property) ? property.ActualSchema : null;
        return image is not null && image.ActualProperties
            .Where(p => profile.GroupOf(p.Key) == CheckGroups.Body)
            .Any(p => ConstrainsStringForm(p.Value.ActualSchema));
    }

    /// <summary>A pattern or a format anywhere in the schema: its alternatives, its properties, its items.</summary>
    private static bool ConstrainsStringForm(JsonSchema schema) => ConstrainsStringForm(schema, new HashSet<JsonSchema>());

    private static bool ConstrainsStringForm(JsonSchema schema, HashSet<JsonSchema> seen)
    {
        var actual = schema.ActualSchema;
        if (!seen.Add(actual))
        {
            return false;
        }

        var inner = actual.AnyOf.Concat(actual.OneOf).Concat(actual.AllOf).Concat(actual.ActualProperties.Values).Concat(actual.Item is null ? [] : [actual.Item]);
        return actual.Pattern is not null || actual.Format is not null || inner.Any(s => ConstrainsStringForm(s, seen));
    }

    /// <summary>
    /// NJsonSchema 10 cannot compare integers beyond 64 bits with a bound (it throws). For the schema such values
    /// are swapped for the nearest 64-bit bound in a copy (so a bound below it still fails), and the range rules
    /// report them where the schema finds nothing else.
    /// </summary>
    private static JToken ForSchema(JudgeContext context)
    {
        var big = context.OutOfRange.Count == 0 ? [] : context.OutOfRange.Where(n => n.IsInteger).ToList();
        if (big.Count == 0)
        {
            return context.Body!;
        }

        var copy = context.Body!.DeepClone();
        foreach (var number in big)
        {
            if (number.In(copy) is JValue value && value.Value is System.Numerics.BigInteger integer)
            {
                value.Value = integer.Sign > 0 ? long.MaxValue : long.MinValue;
            }
        }

        return copy;
    }

    private static ValidValues.Validator CreateValidator()
    {
        var settings = new JsonSchemaValidatorSettings();
        settings.FormatValidators = settings.FormatValidators.Where(v => v.Format != "date-time").ToArray();
        settings.AddCustomFormatValidator(new StrictDateTimeFormatValidator());
        return new ValidValues.Validator(settings);
    }

    /// <summary>
    /// Errors inside array items and properties are reported where they are; anyOf/oneOf failures are reported once,
    /// for the field, not once per alternative. When exactly one alternative accepts the value's JSON type, its own
    /// errors are reported instead: a string where the schema allows a string of digits is a string in the wrong form
    /// (or a number below the bound of the integer alternative is out of range), not a value of the wrong type.
    /// </summary>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError alternatives && error.Kind is (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
                && AlternativeOfTheValuesType(alternatives) is { } own)
            {
                foreach (var inner in Flatten(own))
                {
                    yield return inner;
                }
            }
            else if (error is ChildSchemaValidationError child && error.Kind is not (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NoTypeValidates))
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    /// <summary>
    /// The errors of the one alternative whose type the value has (none of its errors is a type error), if exactly one
    /// has it and the value matched none (a oneOf the value matches twice fails for that, not for an alternative).
    /// </summary>
    private static ICollection<ValidationError>? AlternativeOfTheValuesType(ChildSchemaValidationError alternatives)
    {
        if (alternatives.Errors.Values.Any(e => e.Count == 0))
        {
            return null;
        }

        var ofTheType = alternatives.Errors.Values.Where(e => !e.Any(IsTypeError)).ToList();
        return ofTheType.Count == 1 ? ofTheType[0] : null;
    }

    private static bool IsTypeError(ValidationError error) => error.Kind is ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
        or ValidationErrorKind.BooleanExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates
        or ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf;

    /// <summary>A string present, of the right type, that is not in the form its schema asks for (a pattern or a format).</summary>
    private static bool IsFormError(ValidationErrorKind kind) => kind is ValidationErrorKind.PatternMismatch
        or ValidationErrorKind.DateTimeExpected or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected
        or ValidationErrorKind.TimeSpanExpected or ValidationErrorKind.UriExpected or ValidationErrorKind.IpV4Expected
        or ValidationErrorKind.IpV6Expected or ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected
        or ValidationErrorKind.EmailExpected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.Base64Expected;

    private static bool IsRangeError(ValidationErrorKind kind) => kind is ValidationErrorKind.NumberTooBig
        or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.IntegerTooBig;

    /// <summary>
    /// How much an error says about its place: a bound, a form or an enumeration says what the value should be, a
    /// type error only what it should be made of, an unmatched alternative least. Of two violations of one rule at
    /// one place, the one that says more is kept.
    /// </summary>
    private static int Detail(ValidationErrorKind kind) => kind switch
    {
        _ when IsRangeError(kind) || IsFormError(kind) || kind == ValidationErrorKind.NotInEnumeration => 3,
        ValidationErrorKind.PropertyRequired => 2,
        ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NoTypeValidates => 0,
        _ => 1,
    };

    private static (string Rule, string Location, string Field, string Where) Classify(ValidationError error, Profile profile)
    {
        var location = Location(error);
        var field = FieldKey(location);
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is not null)
        {
            field = field.Length == 0 ? error.Property : $"{field}.{error.Property}";
        }

        var group = profile.GroupOf(field.Split('.', '[')[0]);
        var rule = RuleFor(error.Kind, group, field);
        var where = location.Length == 0 ? "body" : location;
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            where = location.Length == 0 ? error.Property ?? where : $"{location}.{error.Property}";
        }

        return (rule, location, field, where);
    }

    private static Violation ToViolation(ValidationError error, string rule, string location, string field, string where, JudgeContext context)
    {
        var value = JsonPath.Find(context.Body!, location);
        var received = error.Kind == ValidationErrorKind.PropertyRequired
            ? $"no \"{error.Property}\" field in {(location.Length == 0 ? "body" : location)}"
            : IsFormError(error.Kind) && value is { Type: JTokenType.String }
                ? $"{JudgeContext.Show(value)} (a string that is not {Form(error)})"
                : DescribeValue(value);
        return new Violation(rule, where, received, context.Profile.Documented(rule, field));
    }

    /// <summary>
    /// The form a string failed, as a person reads it: the schema's <c>description</c> of the pattern (the schemas
    /// describe each pattern they use), else the pattern itself; for a format, what the suite's validator of that
    /// format accepts.
    /// </summary>
    private static string Form(ValidationError error)
    {
        var schema = error.Schema?.ActualSchema;
        if (error.Kind == ValidationErrorKind.PatternMismatch)
        {
            return schema?.Description is { Length: > 0 } description ? description : $"matching the pattern {schema?.Pattern}";
        }

        return error.Kind == ValidationErrorKind.DateTimeExpected
            ? "an ISO 8601 date-time: YYYY-MM-DDThh:mm:ss, an optional fraction, then Z or ±hh:mm, a date and time that exist"
            : $"of the format \"{schema?.Format}\"";
    }

    private static string DescribeValue(JToken? value) => value switch
    {
        null => "nothing",
        RawNumber raw => $"{raw.Text} (a number beyond the range of a 64-bit float)",
        JValue { Value: System.Numerics.BigInteger big } => $"{big} (an integer beyond 64 bits)",
        { Type: JTokenType.Integer or JTokenType.Float } => $"{JudgeContext.Show(value)} ({(value.Type == JTokenType.Integer ? "an integer" : "a number with a fraction or exponent")})",
        { Type: JTokenType.String } => $"{JudgeContext.Show(value)} (a string)",
        { Type: JTokenType.Null } => "null",
        { Type: JTokenType.Boolean } => $"{JudgeContext.Show(value)} (a boolean)",
        { Type: JTokenType.Array } => $"{JudgeContext.Show(value)} (an array)",
        { Type: JTokenType.Object } => $"{JudgeContext.Show(value)} (an object)",
        _ => JudgeContext.Show(value),
    };

    /// <summary>The JSON location of an error: <c>image.links[0].rel</c>; for a missing field, the object holding it.</summary>
    private static string Location(ValidationError error)
    {
        var path = error.Path ?? string.Empty;
        if (path.StartsWith("#/", StringComparison.Ordinal))
        {
            path = path[2..];
        }
        else if (path == "#")
        {
            path = string.Empty;
        }

        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is not null && path.EndsWith(error.Property, StringComparison.Ordinal))
        {
            path = path[..^error.Property.Length].TrimEnd('.');
        }

        return path;
    }

    /// <summary><c>image.links[2].rel</c> becomes <c>links[].rel</c>: the key a profile documents.</summary>
    private static string FieldKey(string location)
    {
        var key = location.StartsWith("image", StringComparison.Ordinal) ? location["image".Length..].TrimStart('.') : location;
        return key.Contains('[', StringComparison.Ordinal) ? System.Text.RegularExpressions.Regex.Replace(key, @"\[\d+\]", "[]") : key;
    }

    private static string RuleFor(ValidationErrorKind kind, string group, string field)
    {
        if (kind == ValidationErrorKind.PropertyRequired)
        {
            return (group, field) switch
            {
                (CheckGroups.Links, _) when field.Length > "links".Length => "links.type",
                (CheckGroups.Metadata, _) when field.StartsWith("server.", StringComparison.Ordinal) => "metadata.server_shape",
                _ => $"{group}.required",
            };
        }

        return group switch
        {
            CheckGroups.Identity => kind is ValidationErrorKind.StringExpected ? "identity.type" : "identity.format",
            CheckGroups.Timestamps => kind is ValidationErrorKind.StringExpected ? "timestamps.type" : "timestamps.format",
            CheckGroups.Links => kind is ValidationErrorKind.NotInEnumeration ? "links.rel" : "links.type",
            CheckGroups.Status => kind switch
            {
                ValidationErrorKind.NotInEnumeration => "status.enum",
                _ when IsRangeError(kind) => "status.range",
                _ => "status.type",
            },
            CheckGroups.Metadata => field switch
            {
                "metadata" => "metadata.type",
                "OS-DCF:diskConfig" => "metadata.disk_config_enum",
                _ => "metadata.server_shape",
            },
            _ => kind switch
            {
                _ when IsRangeError(kind) => "body.range",
                _ when IsFormError(kind) => "body.format",
                ValidationErrorKind.NoAdditionalPropertiesAllowed => "body.unknown_field",
                ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.NumberExpected
                    or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.BooleanExpected
                    or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates or ValidationErrorKind.NotAnyOf
                    or ValidationErrorKind.NotOneOf => "body.type",
                _ => "body.schema",
            },
        };
    }

    /// <summary>
    /// The findings of one body: one violation per rule and place (of two, the one whose error says more), and of
    /// each rule the first <see cref="FindingsCap.PerRule"/> places, the rest counted; a violation is built only
    /// when it is kept.
    /// </summary>
    private sealed class PlaceFindings
    {
        private readonly List<(Violation Violation, int Detail)> _kept = [];
        private readonly Dictionary<(string Rule, string Where), int> _index = [];
        private readonly HashSet<(string Rule, string Where)> _counted = [];
        private readonly HashSet<string> _places = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _perRule = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _omitted = new(StringComparer.Ordinal);

        /// <summary>True when a finding of any rule was offered for this location.</summary>
        public bool Judged(string location) => _places.Contains(location);

        public void Offer(string rule, string where, string location, int detail, Func<Violation> make)
        {
            _places.Add(location);
            var key = (rule, where);
            if (_index.TryGetValue(key, out var at))
            {
                if (detail > _kept[at].Detail)
                {
                    _kept[at] = (make(), detail);
                }

                return;
            }

            if (_counted.Contains(key))
            {
                return;
            }

            var count = _perRule.GetValueOrDefault(rule);
            if (count >= FindingsCap.PerRule)
            {
                _counted.Add(key);
                _omitted[rule] = _omitted.GetValueOrDefault(rule) + 1;
                return;
            }

            _perRule[rule] = count + 1;
            _index[key] = _kept.Count;
            _kept.Add((make(), detail));
        }

        public List<Violation> ToList()
        {
            var cap = new FindingsCap();
            foreach (var (violation, _) in _kept)
            {
                cap.Add(violation);
            }

            foreach (var (rule, omitted) in _omitted)
            {
                cap.Skip(rule, omitted);
            }

            return cap.ToList();
        }
    }
}
