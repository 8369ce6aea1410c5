using ClickVault.Cluster.Coordinator.Api;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Restores;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Transport;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator;

/// <summary>Builds the coordinator: configuration, services, the agent WebSocket endpoint and the operator API.</summary>
public static class CoordinatorHost
{
    /// <summary>Environment variables that win over the file, by the configuration key they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlatEnvironment = new Dictionary<string, string>
    {
        ["CLICKVAULT_AGENT_TOKEN"] = "coordinator:agent_token",
        ["CLICKVAULT_OPERATOR_TOKEN"] = "coordinator:operator_token",
        ["CLICKVAULT_S3_ACCESS_KEY"] = "s3:access_key",
        ["CLICKVAULT_S3_SECRET_KEY"] = "s3:secret_key",
    };

    public static IServiceCollection AddClickVaultCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinatorOptions>().Bind(configuration.GetSection(CoordinatorOptions.Section)).ValidateOnStart();
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinatorOptions>, CoordinatorOptionsValidator>();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddObjectStore(configuration.GetSection(S3StoreOptions.DefaultSection));
        services.AddClickVaultNotifications(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentRegistry>();
        services.AddSingleton<RunEventHub>();
        services.AddSingleton<CoordinatorRuntime>();
        services.AddHostedService(sp => sp.GetRequiredService<CoordinatorRuntime>());
        services.AddClickVaultRestores();
        services.AddSingleton<AgentEndpoint>();
        return services;
    }

    /// <summary>The coordinator as a web application; <paramref name="configure"/> adds sources (tests pass in-memory values).</summary>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables("CLICKVAULT_");
        configure?.Invoke(builder.Configuration);
        var flat = FlatEnvironment
            .Select(p => (p.Value, Environment.GetEnvironmentVariable(p.Key)))
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .ToDictionary(p => p.Value, p => p.Item2);
        builder.Configuration.AddInMemoryCollection(flat);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddClickVaultCoordinator(builder.Configuration);
        var listen = builder.Configuration[$"{CoordinatorOptions.Section}:listen"] ?? new CoordinatorOptions().Listen;
        builder.WebHost.UseUrls(listen);

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Map(AgentEndpoint.Path, (Microsoft.AspNetCore.Http.HttpContext context, AgentEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapOperatorApi();
        return app;
    }
}
