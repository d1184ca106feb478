namespace Conformance.Live;

/// <summary>
/// Bounds the load on a target: at most <c>concurrency</c> requests in flight and at most <c>perSecond</c> started
/// per second, whatever the number of callers.
/// </summary>
public sealed class RateGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>A gate for <paramref name="concurrency"/> requests at once, started <paramref name="perSecond"/> times a second at most.</summary>
    /// <param name="concurrency">How many requests may be in flight at once, at least 1.</param>
    /// <param name="perSecond">How many requests may start per second, above 0.</param>
    public RateGate(int concurrency, double perSecond)
    {
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _interval = TimeSpan.FromSeconds(1 / perSecond);
    }

    /// <summary>Waits for a slot and a start time; dispose the result when the request is over.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellation = default)
    {
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        TimeSpan wait;
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            var start = _next > now ? _next : now;
            _next = start + _interval;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellation).ConfigureAwait(false);
        }

        return new Release(_slots);
    }

    /// <summary>Releases the gate's slots; requests still waiting fail.</summary>
    public void Dispose() => _slots.Dispose();

    private sealed class Release(SemaphoreSlim slots) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
