using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class LiveSettingsTests
{
    private static readonly string[] Profiles = ["huawei-ecs", "nova", "rackspace"];

    [Test]
    public void Password_authentication_from_OS_variables()
    {
        var settings = Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_AUTH_URL"] = "http://127.0.0.1:15000/v3", ["OS_USERNAME"] = "u", ["OS_PASSWORD"] = "p4ss", ["OS_PROJECT_NAME"] = "demo" });

        settings.Live!.Credentials.UsesPassword.Should().BeTrue();
        settings.Live.Credentials.ToString().Should().NotContain("p4ss");
        settings.Live.Versions.Should().Equal(ApiVersion.V2, ApiVersion.V21);
        settings.Live.Microversion.Should().Be("2.1");
        settings.Live.Concurrency.Should().Be(4);
        settings.Live.RateLimit.Should().Be(10);
    }

    [Test]
    public void Recorded_mode_reads_no_credentials()
    {
        Read(new() { ["OS_PASSWORD"] = "p" }).Live.Should().BeNull();
    }

    [TestCase("CONFORMANCE_MODE", "replay", "Environment variable CONFORMANCE_MODE has the unknown mode 'replay': expected recorded or live")]
    [TestCase("CONFORMANCE_MICROVERSION", "2.36", "Environment variable CONFORMANCE_MICROVERSION is '2.36': expected a compute microversion from 2.1 to 2.35 written as Nova reads it (2.X, no leading zeros; the image API ends at 2.36)")]
    [TestCase("CONFORMANCE_VERSIONS", "v3", "Environment variable CONFORMANCE_VERSIONS names the version 'v3': expected v2 and/or v2.1")]
    [TestCase("CONFORMANCE_CONCURRENCY", "0", "Environment variable CONFORMANCE_CONCURRENCY is '0': expected a whole number from 1 to 64")]
    [TestCase("CONFORMANCE_CA_FILE", "/nonexistent/ca.pem", "Environment variable CONFORMANCE_CA_FILE names '/nonexistent/ca.pem', but no such file exists")]
    [TestCase("CONFORMANCE_COMPUTE_URL", "127.0.0.1:8774", "Environment variable CONFORMANCE_COMPUTE_URL is '127.0.0.1:8774', which is not an absolute http(s) URL")]
    public void A_bad_live_setting_names_itself(string name, string value, string message)
    {
        var environment = new Dictionary<string, string> { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:8774", ["CONFORMANCE_PROJECT_ID"] = "p" };
        environment[name] = value;

        var read = () => Read(environment);

        read.Should().Throw<SettingsException>().WithMessage(message);
    }

    [Test]
    public void Contradictory_credentials_stop_the_run()
    {
        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["OS_PASSWORD"] = "p", ["OS_CLOUD"] = "x" });

        read.Should().Throw<SettingsException>().WithMessage("Contradictory credentials: CONFORMANCE_TOKEN and OS_PASSWORD and OS_CLOUD are all set; set only one way to authenticate");
    }

    [Test]
    public void Missing_password_variables_are_named()
    {
        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_AUTH_URL"] = "http://127.0.0.1:15000/v3", ["OS_USERNAME"] = "u" });

        read.Should().Throw<SettingsException>().WithMessage("Keystone password authentication needs OS_PASSWORD, OS_PROJECT_NAME (set: OS_AUTH_URL, OS_USERNAME)");
    }

    [Test]
    public void A_token_alone_needs_the_compute_url_and_project()
    {
        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t" });

        read.Should().Throw<SettingsException>().WithMessage("CONFORMANCE_TOKEN is set without OS_AUTH_URL*");
    }

    [Test]
    public void No_credentials_at_all_is_named()
    {
        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live" });

        read.Should().Throw<SettingsException>().WithMessage("Live mode needs credentials: *");
    }

    [Test]
    public void Reads_a_clouds_yaml_entry()
    {
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", """
            clouds:
              local:
                region_name: RegionOne
                interface: internal
                auth:
                  auth_url: http://127.0.0.1:15000/v3
                  username: conformance
                  password: s3cret
                  project_name: conformance
                  user_domain_name: Default
                  project_domain_name: Default
            """);

        var settings = Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        settings.Live!.Credentials.Username.Should().Be("conformance");
        settings.Live.Credentials.Source.Should().StartWith("clouds.yaml entry 'local'");
        settings.Live.Region.Should().Be("RegionOne");
        settings.Live.Interface.Should().Be("internal");
    }

    [Test]
    public void An_unknown_cloud_is_named()
    {
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", "clouds:\n  other:\n    auth:\n      auth_url: http://127.0.0.1:15000\n");

        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        read.Should().Throw<SettingsException>().WithMessage($"OS_CLOUD names 'local', but {file} has no such entry under 'clouds'");
    }

    [TestCase("CONFORMANCE_COMPUTE_URL", "http://admin:pw-in-url-77@127.0.0.1:8774/v2.1", "Environment variable CONFORMANCE_COMPUTE_URL is 'http://127.0.0.1:8774/v2.1' with a user name and password in it (shown without them): the suite never sends credentials in a URL; remove them and give OS_USERNAME and OS_PASSWORD, a clouds.yaml entry or CONFORMANCE_TOKEN")]
    [TestCase("CONFORMANCE_COMPUTE_URL", "http://127.0.0.1:8774/v2.1?token=query-secret-88", "Environment variable CONFORMANCE_COMPUTE_URL is 'http://127.0.0.1:8774/v2.1' with a query string (not shown): the suite builds its URLs from the path alone, so a query or fragment would be lost; remove it")]
    [TestCase("CONFORMANCE_COMPUTE_URL", "http://127.0.0.1:8774/v2.1#fragment-secret-99", "Environment variable CONFORMANCE_COMPUTE_URL is 'http://127.0.0.1:8774/v2.1' with a fragment (not shown): the suite builds its URLs from the path alone, so a query or fragment would be lost; remove it")]
    [TestCase("CONFORMANCE_IMAGE_SERVICE_URL", "http://glance:pw-in-url-77@127.0.0.1:9292", "Environment variable CONFORMANCE_IMAGE_SERVICE_URL is 'http://127.0.0.1:9292' with a user name and password in it (shown without them)*")]
    [TestCase("OS_AUTH_URL", "http://admin:pw-in-url-77@127.0.0.1:5000/v3", "Environment variable OS_AUTH_URL is 'http://127.0.0.1:5000/v3' with a user name and password in it (shown without them)*")]
    [TestCase("CONFORMANCE_IMAGE_IDS", "a,..,b", "Environment variable CONFORMANCE_IMAGE_IDS names the image id '..', which cannot be requested: it is a path dot segment, which every HTTP stack removes from a URL, so another URL would be requested")]
    [TestCase("CONFORMANCE_PROJECT_ID", ".", "Environment variable CONFORMANCE_PROJECT_ID is '.', which cannot be a project id: it is a path dot segment*")]
    public void A_url_or_id_that_would_leak_or_change_is_refused_without_the_secret(string name, string value, string message)
    {
        var environment = new Dictionary<string, string> { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:8774", ["CONFORMANCE_PROJECT_ID"] = "p" };
        environment[name] = value;

        var read = () => Read(environment);

        var thrown = read.Should().Throw<SettingsException>().WithMessage(message).Which;
        thrown.Message.Should().NotContain("pw-in-url-77").And.NotContain("query-secret-88").And.NotContain("fragment-secret-99");
        if (value.Contains("pw-in-url-77", StringComparison.Ordinal))
        {
            Conformance.Core.Masking.Secrets.Mask("x pw-in-url-77 y").Should().Be("x [REDACTED] y", "the password of the URL is a known secret now");
        }
    }

    [Test]
    public void A_token_with_a_line_break_is_refused_without_being_shown()
    {
        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "gAAAA-first\r\nX-Injected: hidden-part", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:8774", ["CONFORMANCE_PROJECT_ID"] = "p" });

        read.Should().Throw<SettingsException>().WithMessage("The token (CONFORMANCE_TOKEN) holds a line break or another control character, which no HTTP header may carry; it is not shown here: set it again on one line")
            .Which.Message.Should().NotContain("hidden-part");
    }

    [Test]
    public void Clouds_yaml_secrets_are_registered_and_its_auth_url_is_checked()
    {
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", """
            clouds:
              local:
                auth:
                  auth_url: http://127.0.0.1:15000/v3?x=1
                  username: conformance
                  password: clouds-password-4242
                  application_credential_secret: clouds-app-secret-4242
                  project_name: conformance
            """);

        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        read.Should().Throw<SettingsException>().WithMessage($"auth.auth_url of the clouds.yaml entry 'local' ({file}) is 'http://127.0.0.1:15000/v3' with a query string (not shown)*");
        Conformance.Core.Masking.Secrets.Mask("clouds-password-4242 clouds-app-secret-4242").Should().Be("[REDACTED] [REDACTED]");
    }

    [TestCase("flow-sequence")]
    [TestCase("flow-mapping")]
    [TestCase("block-sequence")]
    [TestCase("block-mapping")]
    public void A_clouds_yaml_nested_absurdly_deep_is_refused_before_parsing(string style)
    {
        const int levels = 200_000;
        var nested = style switch
        {
            "flow-sequence" => new string('[', levels) + new string(']', levels),
            "flow-mapping" => string.Concat(Enumerable.Repeat("{a: ", levels)) + "1" + new string('}', levels),
            "block-sequence" => string.Concat(Enumerable.Repeat("- ", levels)) + "x",
            _ => string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 1_000) + "x",
        };
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", $"clouds:\n  local:\n    auth:\n      auth_url: http://127.0.0.1:15000/v3\n      token: t\n    deep: {(style.StartsWith("block", StringComparison.Ordinal) ? "\n      " + nested : nested)}\n");

        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        read.Should().Throw<SettingsException>().WithMessage($"{file} is nested more than 64 levels deep (line *), far more than a clouds.yaml needs: refused before parsing");
    }

    [Test]
    public void A_clouds_yaml_of_ordinary_depth_with_brackets_in_quoted_values_still_reads()
    {
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", "clouds:\n  local:\n    auth:\n      auth_url: http://127.0.0.1:15000/v3\n      username: u\n      password: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n      project_name: \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\"\n    regions: [[a, [b, {c: d}]]]\n");

        var settings = Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        settings.Live!.Credentials.Username.Should().Be("u");
    }

    [Test]
    public void A_clouds_yaml_larger_than_a_clouds_yaml_can_be_is_refused()
    {
        using var folder = new TempFolder();
        var file = folder.Write("clouds.yaml", "clouds: {}\n#" + new string('x', 5 * 1024 * 1024));

        var read = () => Read(new() { ["CONFORMANCE_MODE"] = "live", ["OS_CLOUD"] = "local", ["OS_CLIENT_CONFIG_FILE"] = file });

        read.Should().Throw<SettingsException>().WithMessage($"{file} is 5 MiB, larger than the 4 MiB a clouds.yaml may be: refused before parsing");
    }

    [Test]
    public void The_recording_goes_to_a_new_or_regular_file_never_over_a_device_a_link_or_a_folder()
    {
        using var folder = new TempFolder();
        var regular = folder.Write("kept.har", "{}");
        var link = Path.Combine(folder.Path, "link.har");
        File.CreateSymbolicLink(link, regular);
        Dictionary<string, string> Live(string recordTo) => new()
        {
            ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:18774",
            ["CONFORMANCE_PROJECT_ID"] = "p", ["CONFORMANCE_RECORD_TO"] = recordTo,
        };

        Read(Live(regular)).Live!.RecordTo.Should().Be(regular);
        Read(Live(Path.Combine(folder.Path, "new.har"))).Live!.RecordTo.Should().EndWith("new.har");
        foreach (var (path, what) in new[] { ("/dev/full", "a device"), (link, "a symbolic link"), (folder.Path, "a folder") })
        {
            var read = () => Read(Live(path));
            read.Should().Throw<SettingsException>().WithMessage($"Environment variable CONFORMANCE_RECORD_TO names '{path}', which is {what}: name a new file, or a regular file to replace");
        }
    }

    private static ConformanceSettings Read(Dictionary<string, string> environment) =>
        new SettingsReader(_ => null, name => environment.GetValueOrDefault(name), [Path.GetTempPath()]).Read(Profiles);
}
