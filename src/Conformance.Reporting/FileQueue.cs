using System.Collections.Concurrent;

namespace Conformance.Reporting;

/// <summary>
/// Runs file writes on one thread of their own, in the order they were posted, so a test does not wait for the disk.
/// The thread takes what has been posted every 10 ms rather than being woken by each post. The queue is bounded (a
/// producer waits when it is full), so a crash loses at most that many pending writes, and everything already
/// written stays complete. <see cref="Drain"/> waits for the rest; it also runs when the process
/// exits. The first write that fails is reported by <see cref="Drain"/>; later writes still run.
/// </summary>
public sealed class FileQueue : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly BlockingCollection<Action> _work;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _completed = new();
    private Exception? _failure;
    private int _drained;

    /// <summary>A queue of at most <paramref name="capacity"/> pending writes, with its thread started.</summary>
    /// <param name="capacity">How many writes may wait before a producer blocks.</param>
    public FileQueue(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _work = new BlockingCollection<Action>(capacity);
        _thread = new Thread(Run) { IsBackground = true, Name = "allure-results-writer" };
        _thread.Start();
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Queues a write; runs it at once, on the caller's thread, once the queue has been drained.</summary>
    public void Post(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Volatile.Read(ref _drained) == 0)
        {
            try
            {
                _work.Add(write);
                return;
            }
            catch (InvalidOperationException)
            {
                // Drained meanwhile: write it here.
            }
        }

        write();
    }

    /// <summary>Waits until every queued write has run; throws the first failure, naming what failed.</summary>
    public void Drain()
    {
        if (Interlocked.Exchange(ref _drained, 1) == 0)
        {
            _work.CompleteAdding();
            _completed.Set();
        }

        _thread.Join();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Interlocked.Exchange(ref _failure, null) is { } failure)
        {
            throw new IOException($"Writing Allure results failed: {failure.Message}", failure);
        }
    }

    /// <summary>Drains the queue (see <see cref="Drain"/>, which throws the first failed write) and releases it.</summary>
    public void Dispose()
    {
        Drain();
        _work.Dispose();
        _completed.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            var last = _work.IsAddingCompleted;
            while (_work.TryTake(out var write))
            {
                Execute(write);
            }

            if (last)
            {
                return;
            }

            // Polled, not woken by each post: 90,000 files are not 90,000 thread wake-ups.
            _completed.Wait(PollInterval);
        }
    }

    private void Execute(Action write)
    {
        try
        {
            write();
        }
#pragma warning disable CA1031 // a failed write must not end the process from this thread: Drain reports it
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            Drain();
        }
        catch (IOException)
        {
            // The process is ending; the failure was the run's to report.
        }
    }
}
