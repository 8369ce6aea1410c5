using System.Collections.Concurrent;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

/// <summary>The notification services as the coordinator registers them: real HttpClient factory, real logging.</summary>
public sealed class NotificationServicesTests : IAsyncLifetime
{
    private const string AgentToken = "agent-token-0123456789";
    private readonly LogRecorder logs = new();
    private NotificationReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await NotificationReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Logs_name_targets_and_hosts_but_never_urls_header_values_or_other_secrets()
    {
        receiver.Script(NotificationDispatcherTests.SlackPath, Reply.Status500);
        receiver.Script("/hook", new Reply(400, "bad"));
        await using var services = Services(
            ("notifications:targets:0:name", "ops"),
            ("notifications:targets:0:type", "slack"),
            ("notifications:targets:0:url", receiver.Url(NotificationDispatcherTests.SlackPath)),
            ("notifications:targets:1:name", "audit"),
            ("notifications:targets:1:type", "webhook"),
            ("notifications:targets:1:url", receiver.Url("/hook?code=queryToken12345")),
            ("notifications:targets:1:headers:X-Api-Key", NotificationDispatcherTests.HeaderSecret));

        var results = await services.GetRequiredService<NotificationDispatcher>()
            .NotifyAsync(SampleRuns.Partial($"agent said {AgentToken}"), CancellationToken.None);

        Assert.Equal([new NotificationResult("ops", true, 2, "HTTP 500 (InternalServerError): upstream exploded"), new NotificationResult("audit", false, 1, "HTTP 400 (BadRequest): bad")], results);
        Assert.Equal("audit", Assert.Single(services.GetRequiredService<UndeliveredNotifications>().Recent()).Result.Target);
        Assert.Contains(logs.Messages, m => m.Contains("notification to ops (127.0.0.1) failed on attempt 1/4, retrying", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("delivered to ops (127.0.0.1) after 2 attempt(s)", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("to audit (127.0.0.1) NOT delivered after 1 attempt(s): HTTP 400", StringComparison.Ordinal));
        foreach (var secret in new[] { NotificationDispatcherTests.SlackToken, "/services/", "queryToken12345", NotificationDispatcherTests.HeaderSecret, AgentToken })
        {
            Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(receiver.Requests, r => r.Body.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Invalid_options_fail_validation_with_every_path_and_no_secret()
    {
        await using var services = Services(
            ("notifications:targets:0:name", "ops"),
            ("notifications:targets:0:type", "slak"),
            ("notifications:targets:0:url", "hooks.slack.com/services/T0/B0/tokenInUrl123"),
            ("notifications:targets:0:max_attempts", "99"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Equal(
            [
                "notifications.targets[0].type must be 'slack' or 'webhook', got 'slak'",
                "notifications.targets[0].url must be an absolute http(s) URL",
                "notifications.targets[0].max_attempts must be between 1 and 10, got 99",
            ],
            error.Failures);
        Assert.DoesNotContain("tokenInUrl123", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)).Append(KeyValuePair.Create("coordinator:agent_token", (string?)AgentToken)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.Configure<CoordinatorOptions>(configuration.GetSection(CoordinatorOptions.Section));
        services.AddSingleton(NotificationDispatcherTests.NoBackoff);
        services.AddClickVaultNotifications(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Every log message of every category and level.</summary>
    private sealed class LogRecorder : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyCollection<string> Messages => messages;

        public ILogger CreateLogger(string categoryName) => new Recorder(messages);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
