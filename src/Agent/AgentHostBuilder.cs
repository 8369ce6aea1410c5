using ClickVault.Cluster.Agent.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClickVault.Cluster.Agent;

/// <summary>
/// Builds a complete agent host from a configuration, for <c>Program</c> and for tests that run agents in-process.
/// Only the given configuration is used (no appsettings, environment or command line of the calling process), and no
/// logging provider is added: pass one through <paramref name="configureServices"/>.
/// </summary>
public static class AgentHostBuilder
{
    /// <summary>Time the host gives the agent to close its connection on stop.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <param name="configuration">Sections <c>agent</c>, <c>clickhouse</c>, <c>destination</c> (snake_case keys).</param>
    /// <param name="configureServices">Runs last: add logging, or replace services (e.g. the <see cref="TimeProvider"/>).</param>
    public static IHost Build(IConfiguration configuration, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "clickvault-agent",
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddClickVaultAgent(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>The same from flat keys such as <c>agent:coordinator_url</c>, <c>clickhouse:url</c>.</summary>
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null) =>
        Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), configureServices);
}
