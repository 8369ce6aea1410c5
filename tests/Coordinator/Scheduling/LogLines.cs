using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

/// <summary>Formatted log lines of every category, awaitable by a substring (what an operator would grep for).</summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public async Task<string> WaitForAsync(string fragment, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task added;
            lock (_gate)
            {
                if (_lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal)) is { } line)
                {
                    return line;
                }
                added = _added.Task;
            }
            try
            {
                await added.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no log line with '{fragment}' within {timeout}; got:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        TaskCompletionSource added;
        lock (_gate)
        {
            _lines.Add(line);
            added = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        added.TrySetResult();
    }

    private sealed class Logger(LogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
