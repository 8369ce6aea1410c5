using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.ClickHouse;

public static class ClickHouseServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ClickHouseOptions"/> from <paramref name="section"/>, validates it at start-up and registers the HTTP client.</summary>
    public static IServiceCollection AddClickHouseClient(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ClickHouseOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClickHouseOptions>, ClickHouseOptionsValidator>();
        services.AddHttpClient(nameof(ClickHouseHttpClient), c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IClickHouseClient>(sp => new ClickHouseHttpClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ClickHouseHttpClient)),
            sp.GetRequiredService<IOptions<ClickHouseOptions>>().Value,
            sp.GetRequiredService<ILogger<ClickHouseHttpClient>>()));
        return services;
    }
}
