using ClickVault.Cluster.Agent.Backups;
using ClickVault.Cluster.Agent.ConfigFiles;
using ClickVault.Cluster.Agent.Health;
using ClickVault.Cluster.Agent.Identity;
using ClickVault.Cluster.Agent.Restores;
using ClickVault.Cluster.Agent.Tables;
using ClickVault.Cluster.Agent.Link;
using ClickVault.Cluster.Shared.ClickHouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.Configuration;

public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole agent: options of sections <c>agent</c>, <c>destination</c> and <c>clickhouse</c> (validated at
    /// start, every bad key named), the ClickHouse client, identity, backup engine, executor, the actor system with its link to the
    /// coordinator tier, and the hosted <see cref="AgentService"/>. Register replacements (e.g. a <see cref="TimeProvider"/> or an
    /// <see cref="IBackupEngine"/>) after this call.
    /// </summary>
    public static IServiceCollection AddClickVaultAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddClickHouseClient(configuration.GetSection(ClickHouseOptions.Section));
        AddSectionOptions<AgentOptions, AgentOptionsValidator>(services, configuration,
            c => AgentOptions.Read(new SectionReader(c, AgentOptions.Section)));
        AddSectionOptions<DestinationOptions, DestinationOptionsValidator>(services, configuration,
            c => DestinationOptions.Read(new SectionReader(c, DestinationOptions.Section)));
        AddSectionOptions<ConfigBackupOptions, ConfigBackupOptionsValidator>(services, configuration,
            c => ConfigBackupOptions.Read(new SectionReader(c, ConfigBackupOptions.Section)));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AgentOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DestinationOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConfigBackupOptions>>().Value);
        services.AddSingleton<ConfigCollector>();
        services.AddSingleton<IAgentIdentitySource, ClickHouseIdentitySource>();
        services.AddSingleton<IClickHouseProbe, ClickHouseProbe>();
        services.AddSingleton<IBackupEngine, ClickHouseBackupEngine>();
        services.AddSingleton<ILocalTables, ClickHouseLocalTables>();
        services.AddSingleton<AgentRequestHandler>();
        services.AddSingleton<IAgentOutbox, LinkOutbox>();
        services.AddSingleton<OperationExecutor>();
        services.AddHostedService(sp => new AgentService(sp.GetRequiredService<OperationExecutor>));
        services.AddClickVaultAgentLink();
        return services;
    }

    private static void AddSectionOptions<T, TValidator>(IServiceCollection services, IConfiguration configuration, Func<IConfiguration, OptionsRead<T>> read)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddOptions<T>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        services.AddSingleton<IOptionsFactory<T>>(sp => new SectionOptionsFactory<T>(configuration, read, sp.GetServices<IValidateOptions<T>>()));
    }
}
