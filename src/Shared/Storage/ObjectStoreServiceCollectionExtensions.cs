using ClickVault.Cluster.Shared.Retries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.Storage;

public static class ObjectStoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="S3StoreOptions"/> from <paramref name="section"/>, validates them at startup, and registers
    /// <see cref="S3ObjectStore"/> plus <see cref="IObjectStore"/> as that store behind a <see cref="RetryingObjectStore"/>.
    /// </summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<S3StoreOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3StoreOptions>>(new S3StoreOptionsValidator(section.Path.Replace(':', '.')));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new S3ObjectStore(sp.GetRequiredService<IOptions<S3StoreOptions>>().Value));
        services.TryAddSingleton<IObjectStore>(sp => new RetryingObjectStore(
            sp.GetRequiredService<S3ObjectStore>(),
            RetryPolicy.Default with { MaxAttempts = sp.GetRequiredService<IOptions<S3StoreOptions>>().Value.MaxAttempts },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RetryingObjectStore>>()));
        return services;
    }
}
