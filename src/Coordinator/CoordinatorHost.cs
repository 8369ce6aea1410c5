using ClickVault.Cluster.Coordinator.Actors;
using ClickVault.Cluster.Coordinator.Api;
using ClickVault.Cluster.Coordinator.Configs;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Health;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Coordinator.RunOnce;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Coordinator.Verification;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Configuration;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator;

/// <summary>Builds the coordinator: configuration, services, the actor system (agents reach it over Akka.Remote) and the operator API.</summary>
public static class CoordinatorHost
{
    /// <summary>Environment variables that win over the file, by the configuration key they set.</summary>
    public static IReadOnlyDictionary<string, string> FlatEnvironment => CoordinatorConfiguration.FlatEnvironment;

    public static IServiceCollection AddClickVaultCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinatorOptions>().Bind(configuration.GetSection(CoordinatorOptions.Section)).ValidateOnStart();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorOptionsValidator>();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddOptions<RemotingOptions>().Bind(configuration.GetSection(RemotingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemotingOptions>, RemotingOptionsValidator>();
        services.AddObjectStore(configuration.GetSection(S3StoreOptions.DefaultSection));
        services.AddClickVaultNotifications(configuration);
        services.AddClickVaultRetention(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentRegistry>();
        services.AddSingleton<RunEventHub>();
        // One catalog (documents at the keys of this coordinator's layout) for every use case.
        services.AddSingleton(sp => new CatalogStore(
            sp.GetRequiredService<IObjectStore>(),
            CoordinatorRuntime.LayoutOf(sp.GetRequiredService<IOptions<CoordinatorOptions>>().Value, sp.GetRequiredService<IOptions<BackupOptions>>().Value)));
        services.AddSingleton<ConfigArchive>();
        services.AddSingleton<ConfigDownloads>();
        services.AddSingleton<CoordinatorRuntime>();
        services.AddClickVaultActorSystem();
        services.AddSingleton<TierMembers>();
        services.AddClickVaultRestores();
        services.AddClickVaultVerification();
        services.AddClickVaultOperatorTools();
        services.AddClickVaultScheduling(configuration);
        services.AddClickVaultRunOnce(configuration);
        return services;
    }

    /// <summary>
    /// The coordinator as a web application. <paramref name="configure"/> adds the lowest-precedence sources (the
    /// config file; tests pass in-memory values); <c>CLICKVAULT_*</c> variables of <paramref name="environment"/>
    /// (default: the process's) win over them. <paramref name="services"/> runs last (e.g. run-once mode).
    /// </summary>
    public static WebApplication Build(
        string[] args,
        Action<IConfigurationBuilder>? configure = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder.Configuration);
        CoordinatorConfiguration.AddSources(builder.Configuration, null, environment ?? ConfigurationEnvironment.Process());
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddClickVaultCoordinator(builder.Configuration);
        builder.Services.AddCoordinatorHealth();
        services?.Invoke(builder.Services);
        var listen = builder.Configuration[$"{CoordinatorOptions.Section}:listen"] ?? new CoordinatorOptions().Listen;
        builder.WebHost.UseUrls(listen);

        var app = builder.Build();
        app.MapOperatorApi();
        app.MapHealthEndpoints();
        return app;
    }
}
