using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.Core.Tests.TestUtils;
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
        settings.Live.Versions.Should().Equal(ApiVersion.V2, ApiVersion.V2_1);
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
    [TestCase("CONFORMANCE_MICROVERSION", "2.36", "Environment variable CONFORMANCE_MICROVERSION is '2.36': expected a compute microversion from 2.1 to 2.35 (the image API ends at 2.36)")]
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

    private static ConformanceSettings Read(Dictionary<string, string> environment) =>
        new SettingsReader(_ => null, name => environment.GetValueOrDefault(name), [Path.GetTempPath()]).Read(Profiles);
}
