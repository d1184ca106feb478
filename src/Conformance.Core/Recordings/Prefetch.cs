using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Conformance.Core.Recordings;

/// <summary>
/// Reads a sequence ahead on a thread of its own, a bounded number of items at a time, so that reading a recording
/// (parsing the next HAR entries) and judging it (the checks of the current one) use two cores. Items come out in
/// order; an exception of the source comes out where the source threw it, after the items before it; stopping early
/// stops the reader.
/// </summary>
public static class Prefetch
{
    /// <summary>The items of <paramref name="source"/>, in order, read ahead on a thread of its own.</summary>
    /// <param name="source">The sequence to read; it is enumerated once, on the reader thread.</param>
    /// <param name="capacity">How many items may wait read but not yet taken.</param>
    /// <typeparam name="T">The item type.</typeparam>
    public static IEnumerable<T> Ahead<T>(IEnumerable<T> source, int capacity = 64)
    {
        using var queue = new BlockingCollection<(T Item, ExceptionDispatchInfo? Error)>(capacity);
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            try
            {
                foreach (var item in source)
                {
                    queue.Add((item, null), stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                try
                {
                    queue.Add((default!, ExceptionDispatchInfo.Capture(e)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            queue.CompleteAdding();
        })
        {
            IsBackground = true,
            Name = "conformance-reader",
        };
        reader.Start();
        try
        {
            foreach (var (item, error) in queue.GetConsumingEnumerable())
            {
                error?.Throw();
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
            reader.Join();
        }
    }
}
