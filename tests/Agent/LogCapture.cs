using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Tests;

public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>A logger provider that keeps every entry and lets a test await one that matches.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<CapturedLog> _entries = [];
    private readonly List<(Func<CapturedLog, bool> Match, TaskCompletionSource<CapturedLog> Found)> _waiters = [];

    public IReadOnlyList<CapturedLog> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public async Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<CapturedLog> found;
        lock (_gate)
        {
            if (_entries.FirstOrDefault(match) is { } existing)
            {
                return existing;
            }

            found = new TaskCompletionSource<CapturedLog>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no matching log entry within {timeout}; got:{Environment.NewLine}" +
                string.Join(Environment.NewLine, Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
        }
    }

    public void Dispose()
    {
    }

    private void Add(CapturedLog entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(entry);
            }
        }
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new CapturedLog(category, logLevel, formatter(state, exception), exception));
    }
}
