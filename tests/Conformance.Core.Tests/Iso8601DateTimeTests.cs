using Conformance.Core.Contracts;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Tests;

public sealed class Iso8601DateTimeTests
{
    [TestCase("2013-06-09T06:42:18Z")]
    [TestCase("2015-08-27T09:49:58-05:00")]
    [TestCase("2015-08-27T09:49:58+05:30")]
    [TestCase("2015-08-27T09:49:58.123456Z")]
    [TestCase("2015-08-27T09:49:58.1+00:00")]
    [TestCase("2016-02-29T23:59:59Z")]
    [TestCase("2000-02-29T00:00:00Z")]
    [TestCase("9999-12-31T23:59:59Z")]
    public void Accepts(string value)
    {
        Assert.That(Iso8601DateTime.IsValid(value), Is.True, value);
    }

    [TestCase("2015-12-27 02:52:25", TestName = "Rejects a space separator")]
    [TestCase("2015-12-27T02:52:25", TestName = "Rejects a time without zone")]
    [TestCase("2011", TestName = "Rejects a year alone")]
    [TestCase("2011-01-01", TestName = "Rejects a date alone")]
    [TestCase("2015-02-30T00:00:00Z", TestName = "Rejects 30 February")]
    [TestCase("2015-02-29T00:00:00Z", TestName = "Rejects 29 February of a common year")]
    [TestCase("1900-02-29T00:00:00Z", TestName = "Rejects 29 February 1900")]
    [TestCase("2015-13-01T00:00:00Z", TestName = "Rejects month 13")]
    [TestCase("2015-00-01T00:00:00Z", TestName = "Rejects month 0")]
    [TestCase("2015-01-00T00:00:00Z", TestName = "Rejects day 0")]
    [TestCase("2015-01-01T24:00:00Z", TestName = "Rejects hour 24")]
    [TestCase("2015-01-01T23:60:00Z", TestName = "Rejects minute 60")]
    [TestCase("2015-01-01T23:59:60Z", TestName = "Rejects a leap second")]
    [TestCase("2015-01-01t00:00:00z", TestName = "Rejects lower-case designators")]
    [TestCase("2015-01-01T00:00:00+0500", TestName = "Rejects an offset without colon")]
    [TestCase("2015-01-01T00:00:00+25:00", TestName = "Rejects offset hour 25")]
    [TestCase("2015-01-01T00:00Z", TestName = "Rejects a time without seconds")]
    [TestCase("2015-01-01T00:00:00.Z", TestName = "Rejects an empty fraction")]
    [TestCase(" 2015-01-01T00:00:00Z", TestName = "Rejects leading space")]
    [TestCase("2015-01-01T00:00:00Z ", TestName = "Rejects trailing space")]
    [TestCase("20150101T000000Z", TestName = "Rejects the basic format")]
    [TestCase("0000-01-01T00:00:00Z", TestName = "Rejects year 0")]
    [TestCase("", TestName = "Rejects empty")]
    [TestCase("\uFF12026-01-01T00:00:00Z", TestName = "Rejects a fullwidth digit")]
    [TestCase("2026-01-01T00:00:0\u0661Z", TestName = "Rejects an Arabic-Indic digit")]
    [TestCase("2015-01-01T00:00:00Z\n", TestName = "Rejects a line feed after the zone")]
    [TestCase("2015-01-01T00:00:00+01:00\n", TestName = "Rejects a line feed after an offset")]
    [TestCase("2015-01-01T00:00:00.1234567890Z", TestName = "Rejects a fraction of ten digits")]
    [TestCase("2015-01-01T00:00:00+01:0", TestName = "Rejects a short offset")]
    [TestCase("2015-01-01T00:00:00ZZ", TestName = "Rejects a second zone")]
    [TestCase("2015-01-01T00:00:00.5", TestName = "Rejects a fraction without zone")]
    public void Rejects(string value)
    {
        Assert.That(Iso8601DateTime.IsValid(value), Is.False, value);
    }

    [TestCase("2015-08-27T09:49:58.123456789Z", 1234567)]
    [TestCase("2015-08-27T09:49:58.1Z", 1000000)]
    [TestCase("2015-08-27T09:49:58.0000001Z", 1)]
    public void Reads_the_fraction_to_the_tick(string value, long ticks)
    {
        Assert.That(Iso8601DateTime.TryParse(value, out var at), Is.True, value);
        Assert.That(at.Ticks % TimeSpan.TicksPerSecond, Is.EqualTo(ticks), value);
    }

    [Test]
    public void Parses_offsets_to_the_same_instant()
    {
        Assert.That(Iso8601DateTime.TryParse("2015-08-27T09:49:58-05:00", out var withOffset), Is.True);
        Assert.That(Iso8601DateTime.TryParse("2015-08-27T14:49:58Z", out var utc), Is.True);
        Assert.That(withOffset, Is.EqualTo(utc));
    }

    [Test]
    public void Replaces_the_lenient_date_time_format_of_NJsonSchema()
    {
        var schema = JsonSchema.FromJsonAsync("""{"type": "string", "format": "date-time"}""").GetAwaiter().GetResult();
        var lenient = new JsonSchemaValidator();
        var strictSettings = new JsonSchemaValidatorSettings();
        strictSettings.FormatValidators = strictSettings.FormatValidators.Where(v => v.Format != "date-time").ToArray();
        strictSettings.AddCustomFormatValidator(new StrictDateTimeFormatValidator());
        var strict = new JsonSchemaValidator(strictSettings);
        var spaced = new JValue("2015-12-27 02:52:25");

        Assert.Multiple(() =>
        {
            Assert.That(lenient.Validate(spaced, schema), Is.Empty, "NJsonSchema 10's own date-time accepts a space separator");
            Assert.That(strict.Validate(spaced, schema).Select(e => e.Kind), Is.EqualTo(new[] { ValidationErrorKind.DateTimeExpected }));
        });
    }
}
