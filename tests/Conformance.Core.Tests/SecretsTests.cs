using System.Text;
using Conformance.Core.Baselines;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.Core.Recordings;
using Conformance.Core.Masking;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// No secret the suite knows appears in anything it writes, wherever the server or the user put it: the HAR, the
/// report's exchange text, exception messages and the log, in its plain, URL-encoded, JSON-escaped and base64 forms.
/// </summary>
[NonParallelizable]
public sealed class SecretsTests
{
    private const string Token = "canary-token-5f3e9a/+=\"x";
    private const string Password = "fault-keystone-password-31";

    [Test]
    public void Mask_replaces_a_registered_value_in_every_cheap_form()
    {
        const string secret = "s3cr\"et/ü+value";
        Secrets.Register(secret);
        var forms = new[]
        {
            secret,
            Uri.EscapeDataString(secret),
            System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(secret), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()),
            System.Net.WebUtility.UrlEncode(secret),
            Newtonsoft.Json.JsonConvert.ToString(secret)[1..^1],
            Newtonsoft.Json.JsonConvert.ToString(secret, '"', Newtonsoft.Json.StringEscapeHandling.EscapeNonAscii)[1..^1],
            Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
            System.Text.Json.JsonSerializer.Serialize(secret)[1..^1],
            string.Concat(secret.Select(c => $"\\u{(int)c:x4}")),
            string.Concat(secret.Select(c => $"\\U{(int)c:X4}")).Replace("\\U", "\\u", StringComparison.Ordinal),
        };

        foreach (var form in forms)
        {
            Secrets.Mask($"before {form} after").Should().Be("before [REDACTED] after", form);
        }

        Secrets.Mask("nothing here").Should().Be("nothing here");
        Secrets.Reveals($"x{secret}").Should().BeTrue();
    }

    [Test]
    public void A_short_secret_is_not_searched_for_inside_text()
    {
        Secrets.Register("pw");

        Secrets.Mask("pwned by a password").Should().Be("pwned by a password");
    }

    [TestCase("http://admin:pw@127.0.0.1:8774/v2.1", "http://127.0.0.1:8774/v2.1")]
    [TestCase("https://u@host/", "https://host/")]
    [TestCase("http://host/a@b", "http://host/a@b")]
    [TestCase("not a url", "not a url")]
    public void User_information_is_stripped_from_urls(string url, string stripped)
    {
        Secrets.WithoutUserInfo(url).Should().Be(stripped);
    }

    [TestCase("Cookie")]
    [TestCase("Set-Cookie")]
    [TestCase("Set-Cookie2")]
    [TestCase("Authorization")]
    [TestCase("Proxy-Authorization")]
    [TestCase("X-Auth-Token")]
    [TestCase("X-Subject-Token")]
    [TestCase("X-Service-Token")]
    public void Every_cookie_and_token_bearing_header_is_masked(string header)
    {
        Secrets.IsSecretHeader(header).Should().BeTrue();
        Redaction.Header(header, "value-of-the-header").Should().Be("[REDACTED]");
        Secrets.Value(header, "value-of-the-header").Should().Be(Secrets.HeaderMask);
    }

    [Test]
    public async Task A_server_that_echoes_the_token_leaks_it_nowhere()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var log = new StringWriter();
        var settings = new LiveSettings
        {
            Credentials = new Credentials { Token = Token, Source = "test" },
            ComputeUrl = new Uri(server.Root),
            ProjectId = FaultServer.Project,
            ImageIds = ["echo-400", "echo-header", "echo-location"],
            Versions = [ApiVersion.V21],
            Probes = false,
            Timeout = TimeSpan.FromSeconds(3),
        };

        await LiveRun.RecordAsync(settings, har, log, Samples.Nova);

        var written = File.ReadAllText(har);
        AssertNoSecret(written, Token);
        written.Should().Contain("Invalid token [REDACTED] (also [REDACTED], [REDACTED])").And.Contain("login?token=[REDACTED]");
        var exchanges = HarReader.Read(har, "run.har").Select(e => e.Exchange!).ToList();
        exchanges.SelectMany(e => e.Response.Headers.Items).Where(h => h.Key is "Set-Cookie2" or "Set-Cookie" or "X-Debug-Token").Should().OnlyContain(h => h.Value == "[REDACTED]");
        foreach (var exchange in exchanges)
        {
            AssertNoSecret(ExchangeText.Request(exchange.Request) + ExchangeText.Response(exchange.Response) + ExchangeText.Curl(exchange.Request), Token);
        }

        var verdicts = RecordedRun.Judge(har, "nova", Baseline.Empty, Samples.Profiles).ToList();
        AssertNoSecret(string.Join("\n", verdicts.Select(v => v.ToString())), Token);
        AssertNoSecret(log.ToString(), Token);
    }

    [Test]
    public void The_report_text_masks_a_known_secret_in_the_url_the_headers_and_the_body()
    {
        Secrets.Register(Token);
        var request = new RecordedRequest("GET", $"http://user:{Uri.EscapeDataString(Token)}@127.0.0.1/v2.1/p/images/x?token={Uri.EscapeDataString(Token)}", new HeaderList([new("X-Auth-Token", Token), new("X-Echo", Token)]));
        var response = new RecordedResponse(400, "Bad " + Token, new HeaderList([new("Location", "http://127.0.0.1/?t=" + Token)]), "{\"message\": \"" + Token.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}");

        var text = ExchangeText.Request(request) + ExchangeText.Response(response) + ExchangeText.Curl(request);

        AssertNoSecret(text, Token);
        text.Should().Contain("X-Auth-Token: ****").And.Contain("http://127.0.0.1/v2.1/p/images/x?token=[REDACTED]");
    }

    [Test]
    public async Task A_keystone_that_echoes_the_password_leaks_it_nowhere()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var settings = new LiveSettings
        {
            Credentials = new Credentials { AuthUrl = $"{server.Root}/ks-echo-password/v3", Username = "conformance", Password = Password, ProjectName = "conformance", Source = "test" },
            ImageIds = ["missing"],
            Versions = [ApiVersion.V21],
            Probes = false,
            Timeout = TimeSpan.FromSeconds(3),
        };

        await LiveRun.RecordAsync(settings, har, TextWriter.Null, Samples.Nova);

        var written = File.ReadAllText(har);
        AssertNoSecret(written, Password);
        AssertNoSecret(written, FaultServer.IssuedToken);
        written.Should().Contain("password '[REDACTED]' accepted");
        foreach (var exchange in HarReader.Read(har, "run.har").Select(e => e.Exchange!))
        {
            AssertNoSecret(ExchangeText.Request(exchange.Request) + ExchangeText.Response(exchange.Response), Password);
        }
    }

    [Test]
    public async Task A_token_with_a_line_break_is_refused_without_being_shown()
    {
        using var folder = new TempFolder();
        var settings = new LiveSettings
        {
            Credentials = new Credentials { Token = "first-line\r\nX-Injected: second-line-secret", Source = "CONFORMANCE_TOKEN" },
            ComputeUrl = new Uri("http://127.0.0.1:9"),
            ProjectId = "p",
            ImageIds = ["x"],
        };

        var run = async () => await LiveRun.RecordAsync(settings, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);

        var thrown = (await run.Should().ThrowAsync<LiveTargetException>()).Which;
        thrown.Message.Should().Be("The token (CONFORMANCE_TOKEN) holds a control character (a line break?), which no HTTP header may carry; it is not shown here: set it again on one line");
    }

    [Test]
    public async Task A_header_with_a_control_character_is_never_sent_nor_shown()
    {
        await using var server = await FaultServer.StartAsync();
        using var client = new LiveClient(TimeSpan.FromSeconds(3), 1, 100);

        var sent = await client.SendAsync("GET", server.Root + "/", [new("X-Auth-Token", "a\nb-hidden")]);

        sent.Exchange.Response.TransportError.Should().Be("not sent: the value of the X-Auth-Token header holds a control character (a line break?), which no HTTP header may carry; the value is not shown");
        server.Requests.Should().Be(0);
    }

    private static void AssertNoSecret(string text, string secret)
    {
        text.Should().NotContain(secret);
        text.Should().NotContain(Uri.EscapeDataString(secret));
        text.Should().NotContain(Newtonsoft.Json.JsonConvert.ToString(secret)[1..^1]);
        text.Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
    }
}
