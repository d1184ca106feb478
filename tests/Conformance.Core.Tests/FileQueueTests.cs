using System.Text;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

public sealed class FileQueueTests
{
    [Test]
    public void Writes_run_in_the_order_they_were_posted_and_are_all_done_after_drain()
    {
        var done = new List<int>();
        using var queue = new FileQueue(capacity: 4);

        for (var i = 0; i < 200; i++)
        {
            var n = i;
            queue.Post(() =>
            {
                Thread.SpinWait(100);
                done.Add(n);
            });
        }

        queue.Drain();

        done.Should().Equal(Enumerable.Range(0, 200));
    }

    [Test]
    public void Posted_writes_run_soon_without_waiting_for_drain()
    {
        // What a run that is killed midway leaves depends on this: finished results must not wait for the end.
        using var queue = new FileQueue();
        using var written = new CountdownEvent(50);

        for (var i = 0; i < 50; i++)
        {
            queue.Post(() => written.Signal());
        }

        written.Wait(TimeSpan.FromSeconds(5)).Should().BeTrue("the writer takes posted writes within milliseconds");
    }

    [Test]
    public void A_write_after_drain_runs_at_once()
    {
        using var queue = new FileQueue();
        queue.Drain();
        var ran = false;

        queue.Post(() => ran = true);

        ran.Should().BeTrue();
    }

    [Test]
    public void A_failed_write_is_reported_by_drain_and_later_writes_still_run()
    {
        using var folder = new TempFolder();
        var queue = new FileQueue();
        var later = Path.Combine(folder.Path, "later.txt");

        queue.Post(() => File.WriteAllText(Path.Combine(folder.Path, "no-such-folder", "x.txt"), "x"));
        queue.Post(() => File.WriteAllText(later, "written"));

        queue.Invoking(q => q.Drain()).Should().Throw<IOException>().WithMessage("Writing Allure results failed: *no-such-folder*");
        File.ReadAllText(later).Should().Be("written");
    }

    [Test]
    public void Any_exception_of_a_write_is_reported_by_drain_not_thrown_on_the_writer_thread()
    {
        var queue = new FileQueue();

        queue.Post(() => throw new InvalidOperationException("serialiser broke"));
        var after = false;
        queue.Post(() => after = true);

        queue.Invoking(q => q.Drain()).Should().Throw<IOException>().WithMessage("*serialiser broke*");
        after.Should().BeTrue();
    }

    [Test]
    public void A_queued_writer_leaves_the_attachment_and_the_result_that_names_it()
    {
        using var folder = new TempFolder();
        var queue = new FileQueue(capacity: 1);
        var writer = new AllureWriter(folder.Path, queue);
        var attachments = Enumerable.Range(0, 50).Select(i => writer.AttachLater($"exchange {i}", "text/plain", "txt", () => Encoding.UTF8.GetBytes($"GET /v2.1/p/images/{i} ✓"))).ToList();
        var result = new AllureResult { Name = "before" };
        result.Attachments.AddRange(attachments);
        writer.Write(result);
        result.Name = "changed after Write";
        queue.Drain();

        var written = JObject.Parse(File.ReadAllText(Directory.EnumerateFiles(folder.Path, "*-result.json").Single()));
        written["name"]!.ToString().Should().Be("before");
        for (var i = 0; i < attachments.Count; i++)
        {
            File.ReadAllText(Path.Combine(folder.Path, attachments[i].Source)).Should().Be($"GET /v2.1/p/images/{i} ✓");
        }
    }
}
