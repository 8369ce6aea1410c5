using ClickVault.Cluster.Coordinator.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Retention;

public sealed class RetentionOptionsTests
{
    private static RetentionOptions Bind(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
        var services = new ServiceCollection().AddOptions();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        return services.BuildServiceProvider().GetRequiredService<IOptions<RetentionOptions>>().Value;
    }

    [Fact]
    public void Defaults_keep_two_chains_by_count_without_auto_cleanup()
    {
        Assert.Equal(new RetentionOptions { KeepFullBackups = 2, KeepDays = null, AutoCleanup = false }, Bind());
    }

    [Fact]
    public void Snake_case_keys_bind()
    {
        var options = Bind(("retention:keep_full_backups", "4"), ("retention:keep_days", "30"), ("retention:auto_cleanup", "true"));

        Assert.Equal(new RetentionPolicy(4, 30), options.Policy);
        Assert.True(options.AutoCleanup);
    }

    [Fact]
    public void Invalid_values_are_named_by_their_full_key()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(("retention:keep_full_backups", "0"), ("retention:keep_days", "0")));

        Assert.Equal(
            [
                "retention.keep_full_backups must be at least 1 (the newest chain is always kept), got 0",
                "retention.keep_days must be at least 1 when set (leave it out to keep by count only), got 0",
            ],
            failure.Failures);
    }
}
