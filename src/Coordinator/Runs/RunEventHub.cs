using System.Collections.Concurrent;
using System.Threading.Channels;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// The structured events of runs, kept per run and fanned out to live subscribers (the SSE endpoint and
/// `clickvault logs`). A subscriber first gets the run's history, then live events, then completion.
/// </summary>
public sealed class RunEventHub
{
    private const int MaxEventsPerRun = 10_000;
    private readonly ConcurrentDictionary<string, RunLog> _runs = new(StringComparer.Ordinal);

    public void Publish(string runId, string? shard, string kind, string message, ShardRunView? shardState, DateTimeOffset at)
    {
        var log = _runs.GetOrAdd(runId, _ => new RunLog());
        lock (log)
        {
            var e = new RunEvent(log.History.Count + 1, at, runId, shard, kind, message, shardState);
            if (log.History.Count < MaxEventsPerRun)
            {
                log.History.Add(e);
            }
            foreach (var subscriber in log.Subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    public void Complete(string runId)
    {
        var log = _runs.GetOrAdd(runId, _ => new RunLog());
        lock (log)
        {
            log.Completed = true;
            foreach (var subscriber in log.Subscribers)
            {
                subscriber.Writer.TryComplete();
            }
            log.Subscribers.Clear();
        }
    }

    public IReadOnlyList<RunEvent> History(string runId)
    {
        if (!_runs.TryGetValue(runId, out var log))
        {
            return [];
        }
        lock (log)
        {
            return [.. log.History];
        }
    }

    /// <summary>History then live events until the run completes (or the caller cancels).</summary>
    public async IAsyncEnumerable<RunEvent> SubscribeAsync(string runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var log = _runs.GetOrAdd(runId, _ => new RunLog());
        var channel = Channel.CreateUnbounded<RunEvent>();
        lock (log)
        {
            foreach (var e in log.History)
            {
                channel.Writer.TryWrite(e);
            }
            if (log.Completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                log.Subscribers.Add(channel);
            }
        }
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            lock (log)
            {
                log.Subscribers.Remove(channel);
            }
        }
    }

    private sealed class RunLog
    {
        public List<RunEvent> History { get; } = [];

        public List<Channel<RunEvent>> Subscribers { get; } = [];

        public bool Completed { get; set; }
    }
}
