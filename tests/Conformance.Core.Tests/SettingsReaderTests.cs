using Conformance.Core.Settings;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class SettingsReaderTests
{
    private static readonly string[] Profiles = ["huawei-ecs", "nova", "rackspace"];

    [Test]
    public void Nothing_set_means_the_bundled_defaults()
    {
        var settings = Reader(new(), new()).Read(Profiles);

        settings.Should().Be(new ConformanceSettings());
    }

    [Test]
    public void Environment_wins_over_runsettings()
    {
        var settings = Reader(new() { ["Profile"] = "nova" }, new() { ["CONFORMANCE_PROFILE"] = "rackspace" }).Read(Profiles);

        settings.Profile.Should().Be("rackspace");
    }

    [Test]
    public void An_unknown_profile_names_the_setting_and_the_value()
    {
        var read = () => Reader(new() { ["Profile"] = "openstack" }, new()).Read(Profiles);

        read.Should().Throw<SettingsException>()
            .WithMessage("Runsettings parameter Profile has the unknown profile 'openstack': expected one of huawei-ecs, nova, rackspace");
    }

    [Test]
    public void An_unknown_profile_from_the_environment_names_the_variable()
    {
        var read = () => Reader(new(), new() { ["CONFORMANCE_PROFILE"] = "Nova" }).Read(Profiles);

        read.Should().Throw<SettingsException>().WithMessage("Environment variable CONFORMANCE_PROFILE has the unknown profile 'Nova': *");
    }

    [Test]
    public void A_missing_recording_names_the_setting_and_every_place_tried()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var read = () => Reader(new(), new() { ["CONFORMANCE_RECORDING"] = "captures/cloud.har" }, first.Path, second.Path).Read(Profiles);

        read.Should().Throw<SettingsException>().WithMessage(
            $"Environment variable CONFORMANCE_RECORDING names 'captures/cloud.har', but no such file or folder exists (looked in: {first.Path}/captures/cloud.har, {second.Path}/captures/cloud.har)");
    }

    [Test]
    public void A_baseline_must_be_a_file()
    {
        using var folder = new TempFolder();
        var read = () => Reader(new() { ["Baseline"] = folder.Path }, new()).Read(Profiles);

        read.Should().Throw<SettingsException>().WithMessage($"Runsettings parameter Baseline names '{folder.Path}', but no such file exists");
    }

    [Test]
    public void Relative_paths_are_tried_in_order()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var har = second.Write("my.har", "{}");

        var settings = Reader(new() { ["Recording"] = "my.har" }, new(), first.Path, second.Path).Read(Profiles);

        settings.Recording.Should().Be(har);
    }

    [Test]
    public void Granularity_is_check_group_or_exchange()
    {
        Reader(new() { ["Granularity"] = "exchange" }, new()).Read(Profiles).ByExchange.Should().BeTrue();
        var read = () => Reader(new(), new() { ["CONFORMANCE_GRANULARITY"] = "file" }).Read(Profiles);
        read.Should().Throw<SettingsException>().WithMessage("Environment variable CONFORMANCE_GRANULARITY has the unknown granularity 'file': expected check-group or exchange");
    }

    [Test]
    public void Blank_values_are_not_set()
    {
        var settings = Reader(new() { ["Recording"] = "  ", ["Profile"] = string.Empty }, new() { ["CONFORMANCE_BASELINE"] = string.Empty }).Read(Profiles);

        settings.Should().Be(new ConformanceSettings());
    }

    [Test]
    public void An_unknown_environment_variable_stops_the_run_naming_the_nearest_setting()
    {
        var read = () => new SettingsReader(_ => null, _ => null, [Path.GetTempPath()], [], ["PATH", "CONFORMANCE_RECORDINGS", "OS_CLOUD"]).Read(Profiles);

        read.Should().Throw<SettingsException>()
            .WithMessage("Environment variable CONFORMANCE_RECORDINGS is not a setting of this suite: did you mean CONFORMANCE_RECORDING?");
    }

    [Test]
    public void An_unknown_runsettings_parameter_stops_the_run_naming_the_nearest_setting()
    {
        var read = () => new SettingsReader(_ => null, _ => null, [Path.GetTempPath()], ["Recordings", "Profile", "recordto"], []).Read(Profiles);

        read.Should().Throw<SettingsException>().WithMessage(
            "Runsettings parameter 'Recordings' is not a setting of this suite: did you mean Recording?" + Environment.NewLine
            + "Runsettings parameter 'recordto' is not a setting of this suite: did you mean RecordTo?");
    }

    [Test]
    public void A_name_far_from_every_setting_lists_the_known_ones()
    {
        var read = () => new SettingsReader(_ => null, _ => null, [Path.GetTempPath()], [], ["CONFORMANCE_XYZZY_PLUGH"]).Read(Profiles);

        read.Should().Throw<SettingsException>().WithMessage("Environment variable CONFORMANCE_XYZZY_PLUGH is not a setting of this suite: known names are CONFORMANCE_RECORDING, *");
    }

    [Test]
    public void The_local_targets_own_variables_and_every_setting_are_known()
    {
        var variables = KnownSettings.Settings.Select(s => s.Environment).Concat(["CONFORMANCE_OTHER_PROJECT_IMAGE_ID", "CONFORMANCE_TOKEN", "CONFORMANCE_OPENSTACK_STATE"]);
        var parameters = KnownSettings.Settings.Select(s => s.Parameter);

        KnownSettings.Unknown(parameters, variables).Should().BeEmpty();
        KnownSettings.Unknown(["ComputeURL"], ["CONFORMANCE_COMPUTE_URI"]).Should().HaveCount(2);
    }

    private static SettingsReader Reader(Dictionary<string, string> parameters, Dictionary<string, string> environment, params string[] bases) =>
        new(name => parameters.GetValueOrDefault(name), name => environment.GetValueOrDefault(name), bases.Length == 0 ? [Path.GetTempPath()] : bases);
}
