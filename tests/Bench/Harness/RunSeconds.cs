using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Bench.Harness;

/// <summary>
/// A run id is the UTC second a coordinator starts the run, and names the operation on each server. Two coordinators on
/// the same nodes pick theirs alone: in the same second both would name the same operation, which an agent refuses. So a
/// run on a cluster waits (untimed) for a second no run on that cluster has used yet.
/// </summary>
public sealed class RunSeconds
{
    private readonly Lock _lock = new();
    private RunId? _last;

    public async Task WaitForUnusedAsync()
    {
        while (Last is { } last && RunId.From(DateTimeOffset.UtcNow).CompareTo(last) <= 0)
        {
            await Task.Delay(50);
        }
    }

    public void Used(string runId)
    {
        var run = RunId.Parse(runId);
        lock (_lock)
        {
            _last = _last is { } last && last.CompareTo(run) > 0 ? last : run;
        }
    }

    private RunId? Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }
}
