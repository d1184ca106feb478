using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// Files and folders that cannot be read as recordings: each is a problem of its own, named, and every good file
/// beside it is still read in full. Nothing here may wait on a pipe or read without end.
/// </summary>
[Platform("Linux", Reason = "links, FIFOs, devices and byte names as Linux has them")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RecordedFilesTests
{
    private static readonly string GoodHar = HarText.Of(HarText.Good(), HarText.Good());

    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(20);

    [Test]
    public void A_dangling_link_is_its_own_problem()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "gone.har"), Path.Combine(folder.Path, "nowhere.har"));

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read["gone.har"].Problem.Should().Be($"gone.har is a symbolic link to '{Path.Combine(folder.Path, "nowhere.har")}', which does not exist");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void Opening_is_lazy_so_a_file_that_cannot_be_opened_fails_while_enumerating()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.har");

        var entries = HarReader.Read(missing, "missing.har");
        var enumerate = () => entries.ToList();

        enumerate.Should().Throw<HarFormatException>().WithMessage("missing.har cannot be opened: No such file or directory");
    }

    [Test]
    public void A_file_without_read_permission_is_its_own_problem()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        var locked = Path.Combine(folder.Path, "locked.har");
        if (Inputs.IsRoot)
        {
            // Root reads a file of mode 000; procfs still refuses it a write-only file (mode 0200).
            const string writeOnly = "/proc/sys/vm/compact_memory";
            if (!File.Exists(writeOnly))
            {
                Assert.Ignore($"running as root, where mode 000 does not stop reading, and {writeOnly} (write-only even for root) is not there");
            }

            File.CreateSymbolicLink(locked, writeOnly);
        }
        else
        {
            File.WriteAllText(locked, GoodHar);
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read["locked.har"].Problem.Should().StartWith("locked.har cannot be opened: Access to the path").And.EndWith("is denied.");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void A_file_whose_name_is_not_UTF8_is_its_own_problem()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        Inputs.MakeFileWithNonUtf8Name(folder.Path, GoodHar);

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read.Should().ContainKey("bad\uFFFDname.har");
        read["bad\uFFFDname.har"].Problem.Should().Be("bad\uFFFDname.har cannot be opened: its name is not valid UTF-8 (the bytes shown as U+FFFD), and the suite can open files only by UTF-8 names; rename it");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void A_FIFO_is_refused_without_waiting_on_it()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        var fifo = Path.Combine(folder.Path, "pipe.har");
        Inputs.MakeFifo(fifo);

        var read = Inputs.ReadFolder(folder.Path, Quick);
        var direct = Inputs.Within(() => Inputs.ReadFile(new RecordingFile(fifo, "pipe.har", "nova", null)), Quick);
        var given = Inputs.Within(() => RecordingSet.Find(fifo, null), Quick);

        const string refused = "pipe.har is a named pipe (FIFO), not a regular file: the suite reads only regular files, so that it never waits on a pipe or reads a device without end";
        read["pipe.har"].Problem.Should().Be(refused);
        direct.Problem.Should().Be(refused, "the reader checks the file type itself before opening, too");
        given.Single().Problem.Should().Be(refused, "a FIFO given as the recording path is refused the same way");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void A_device_behind_a_link_is_refused_without_reading_it()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "zero.har"), "/dev/zero");

        var read = Inputs.ReadFolder(folder.Path, Quick);
        var direct = Inputs.Within(() => Inputs.ReadFile(new RecordingFile(Path.Combine(folder.Path, "zero.har"), "zero.har", "nova", null)), Quick);

        const string refused = "zero.har is a character device (such as /dev/zero), not a regular file: the suite reads only regular files, so that it never waits on a pipe or reads a device without end";
        read["zero.har"].Problem.Should().Be(refused);
        direct.Problem.Should().Be(refused);
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void A_folder_named_like_a_HAR_file_is_walked_and_refused_as_a_file()
    {
        using var folder = new TempFolder();
        folder.Write("odd.har/inner.har", GoodHar);
        var odd = Path.Combine(folder.Path, "odd.har");

        var read = Inputs.ReadFolder(folder.Path, Quick);
        var direct = Inputs.ReadFile(new RecordingFile(odd, "odd.har", "nova", null));

        read.Keys.Should().Equal("odd.har/inner.har");
        ShouldBeReadInFull(read["odd.har/inner.har"]);
        direct.Problem.Should().Be("odd.har is a folder, not a HAR file");
    }

    [Test]
    public void A_file_past_the_size_limit_is_refused_before_reading()
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        using (var sparse = File.Create(Path.Combine(folder.Path, "huge.har")))
        {
            sparse.SetLength(HarReader.MaxFileBytes + 1);
        }

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read["huge.har"].Problem.Should().Be("huge.har is 8,589,934,593 bytes (8.0 GiB); the suite reads HAR files of at most 8 GiB");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void Links_to_folders_read_each_file_once_and_loops_end()
    {
        using var folder = new TempFolder();
        folder.Write("a/one.har", GoodHar);
        folder.Write("a/b/two.har", GoodHar);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "a", "b", "up"), "../..");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "a", "b", "self"), ".");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alias"), "a");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "again.har"), Path.Combine("a", "one.har"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "knot"), "knot");

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read.Keys.Should().Equal(["a/b/two.har", "a/one.har"], "each real file once, under the name it has without links");
        read.Values.Should().AllSatisfy(ShouldBeReadInFull);
    }

    [Test]
    public void Files_behind_a_link_are_read_under_the_links_name_with_the_profile_of_their_folder()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(outside.Path, RecordingSet.FolderFile), """{"profile": "huawei-ecs"}""");
        File.WriteAllText(Path.Combine(outside.Path, "doc.har"), GoodHar);
        folder.Write("plain.har", GoodHar);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "vendor"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "vendor-again"), outside.Path);

        var files = RecordingSet.Find(folder.Path, null);

        files.Select(f => (f.Name, f.Profile, f.Problem)).Should().Equal(("plain.har", "nova", null), ("vendor/doc.har", "huawei-ecs", null));
    }

    [Test]
    public void A_folder_that_cannot_be_listed_is_its_own_problem()
    {
        if (Inputs.IsRoot)
        {
            Assert.Ignore("running as root, who lists a folder of mode 000; there is no folder root cannot list to stand in for it");
        }

        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        folder.Write("closed/hidden.har", GoodHar);
        File.SetUnixFileMode(Path.Combine(folder.Path, "closed"), UnixFileMode.None);
        try
        {
            var read = Inputs.ReadFolder(folder.Path, Quick);

            read["closed/"].Problem.Should().StartWith("closed/ is a folder that cannot be read: Access to the path");
            ShouldBeReadInFull(read["good.har"]);
        }
        finally
        {
            File.SetUnixFileMode(Path.Combine(folder.Path, "closed"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TestCase("", "empty.har is empty (line 0, position 0)")]
    [TestCase("null", "empty.har is not a HAR file: the top level is not a JSON object (line 1, position 4)")]
    [TestCase("\uFEFFnull", "empty.har is not a HAR file: the top level is not a JSON object (line 1, position 4)")]
    public void An_empty_file_and_a_null_file_are_named(string text, string message)
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        File.WriteAllText(Path.Combine(folder.Path, "empty.har"), text, new System.Text.UTF8Encoding(false));

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read["empty.har"].Problem.Should().Be(message);
        ShouldBeReadInFull(read["good.har"]);
    }

    [TestCase("utf-16", "UTF-16 (little-endian, with a byte order mark)", "UTF-16")]
    [TestCase("utf-16BE", "UTF-16 (big-endian, with a byte order mark)", "UTF-16")]
    [TestCase("utf-32", "UTF-32 (little-endian, with a byte order mark)", "UTF-32")]
    [TestCase("utf-16-no-bom", "UTF-16 (little-endian, no byte order mark)", "UTF-16LE")]
    public void A_file_that_is_not_UTF8_text_is_named_with_its_encoding(string encoding, string name, string iconv)
    {
        using var folder = new TempFolder();
        folder.Write("good.har", GoodHar);
        var bytes = encoding == "utf-16-no-bom"
            ? new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(GoodHar)
            : [.. System.Text.Encoding.GetEncoding(encoding).GetPreamble(), .. System.Text.Encoding.GetEncoding(encoding).GetBytes(GoodHar)];
        File.WriteAllBytes(Path.Combine(folder.Path, "wide.har"), bytes);

        var read = Inputs.ReadFolder(folder.Path, Quick);

        read["wide.har"].Problem.Should().Be($"wide.har is {name} text, not UTF-8 as HAR files are; convert it first, for example with iconv -f {iconv} -t UTF-8");
        ShouldBeReadInFull(read["good.har"]);
    }

    [Test]
    public void Recorded_mode_judges_bodies_up_to_the_same_size_as_live_mode()
    {
        RecordedResponse.MaxBodyBytes.Should().Be(LiveClient.MaxBodyBytes);
    }

    private static void ShouldBeReadInFull(Inputs.FileOutcome outcome)
    {
        outcome.Problem.Should().BeNull();
        outcome.Entries.Should().HaveCount(2);
        outcome.Entries.Should().AllSatisfy(e => e.Exchange.Should().NotBeNull());
        outcome.Entries.Select(e => e.Exchange!.Name).Should().Equal($"{outcome.File.Name}#0", $"{outcome.File.Name}#1");
    }
}
