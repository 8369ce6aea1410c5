using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Tier;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> notifications use: no URL logging, no redirects, no client-wide timeout.</summary>
    public const string HttpClientName = "clickvault-notifications";

    /// <summary>
    /// Binds and validates the <c>notifications</c> section (at start-up) and registers <see cref="NotificationDispatcher"/>,
    /// <see cref="UndeliveredNotifications"/> and an HTTP <see cref="INotificationSender"/>.
    /// </summary>
    public static IServiceCollection AddClickVaultNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(NotificationOptions.Section);
        services.AddOptions<NotificationOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>>(new NotificationOptionsValidator(section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NotificationRetryPolicy.Default);
        services.TryAddSingleton(_ => new UndeliveredNotifications());

        // The default HttpClient logging writes request URLs, and a notification URL is a secret.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.TryAddSingleton<INotificationSender>(sp => new HttpNotificationSender(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NotificationRetryPolicy>(),
            sp.GetRequiredService<ILogger<HttpNotificationSender>>()));
        services.TryAddSingleton(sp => new NotificationDispatcher(
            sp.GetRequiredService<IOptions<NotificationOptions>>(),
            sp.GetRequiredService<INotificationSender>(),
            sp.GetRequiredService<UndeliveredNotifications>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NotificationDispatcher>>(),
            OtherSecrets(sp)));
        return services;
    }

    private static IEnumerable<string?> OtherSecrets(IServiceProvider services)
    {
        var coordinator = services.GetService<IOptions<CoordinatorOptions>>()?.Value;
        var s3 = services.GetService<IOptions<S3StoreOptions>>()?.Value;
        var remoting = services.GetService<IOptions<RemotingOptions>>()?.Value;
        return [coordinator?.AgentToken, coordinator?.OperatorToken, s3?.AccessKey, s3?.SecretKey, remoting?.TlsPassword];
    }
}
