using Conformance.Core.Recordings;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class PrefetchTests
{
    [Test]
    public void Items_come_out_in_order_and_an_error_where_the_source_threw_it()
    {
        static IEnumerable<int> Source()
        {
            for (var i = 0; i < 500; i++)
            {
                yield return i;
            }

            throw new InvalidDataException("the source broke after 500 items");
        }

        var seen = new List<int>();
        var read = () =>
        {
            foreach (var item in Prefetch.Ahead(Source(), capacity: 8))
            {
                seen.Add(item);
            }
        };

        read.Should().Throw<InvalidDataException>().WithMessage("the source broke after 500 items");
        seen.Should().Equal(Enumerable.Range(0, 500));
    }

    [Test]
    public void Stopping_early_stops_the_reader_and_disposes_the_source()
    {
        var disposed = new ManualResetEventSlim();
        var produced = 0;
        IEnumerable<int> Endless()
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    Interlocked.Increment(ref produced);
                    yield return i;
                }
            }
            finally
            {
                disposed.Set();
            }
        }

        Prefetch.Ahead(Endless(), capacity: 4).Take(10).Should().Equal(Enumerable.Range(0, 10));

        disposed.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("the reader thread ends and disposes its source");
        produced.Should().BeLessThan(10 + 4 + 2, "the reader stays at most the capacity ahead");
    }
}
