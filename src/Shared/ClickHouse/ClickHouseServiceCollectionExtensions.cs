using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.ClickHouse;

public static class ClickHouseServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ClickHouseOptions"/> from <paramref name="section"/>, validates it at start-up and registers the driver-backed client.</summary>
    public static IServiceCollection AddClickHouseClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ClickHouseOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClickHouseOptions>, ClickHouseOptionsValidator>();
        services.AddHttpClient(nameof(ClickHouseDriverClient), c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IClickHouseClient>(sp => new RetryingClickHouseClient(
            new ClickHouseDriverClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ClickHouseDriverClient)),
                sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value,
                sp.GetRequiredService<ILogger<ClickHouseDriverClient>>()),
            RetryingClickHouseClient.DefaultPolicy,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<RetryingClickHouseClient>>()));
        return services;
    }
}
