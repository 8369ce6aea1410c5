using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Coordinator.Retention;
using ClickVault.Cluster.Coordinator.RunOnce;
using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Shared.Configuration;
using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Coordinator.Configuration;

/// <summary>
/// The coordinator's configuration: which sections it reads, how the file and the environment are layered, and the
/// start-up check that both the process and <c>clickvault config validate</c> run.
/// </summary>
public static class CoordinatorConfiguration
{
    /// <summary>Environment variables that win over the file, by the configuration key they set.</summary>
    public static IReadOnlyDictionary<string, string> FlatEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CLICKVAULT_AGENT_TOKEN"] = "coordinator:agent_token",
        ["CLICKVAULT_OPERATOR_TOKEN"] = "coordinator:operator_token",
        ["CLICKVAULT_S3_ACCESS_KEY"] = "s3:access_key",
        ["CLICKVAULT_S3_SECRET_KEY"] = "s3:secret_key",
    };

    /// <summary>Every top-level section of a coordinator config file; any other is reported as unknown.</summary>
    public static IReadOnlyList<ConfigurationSectionSchema> Sections { get; } =
    [
        new(CoordinatorOptions.Section, typeof(CoordinatorOptions)),
        new(BackupOptions.Section, typeof(BackupOptions)),
        new(Tier.RemotingOptions.Section, typeof(Tier.RemotingOptions)),
        new(S3StoreOptions.DefaultSection, typeof(S3StoreOptions)),
        // Its validator reports unknown keys itself.
        new(NotificationOptions.Section, typeof(NotificationOptions), CheckUnknownKeys: false),
        new(ScheduleSettings.Section, typeof(ScheduleSettings)),
        new(RunOnceOptions.Section, typeof(RunOnceOptions)),
        new(RetentionOptions.Section, typeof(RetentionOptions)),
        ConfigurationSectionSchema.Free("logging"),
    ];

    /// <summary>
    /// Adds, lowest precedence first: the file (may be null), <c>CLICKVAULT_{SECTION}__{KEY}</c>, the flat names, and
    /// the durations of all of them in the binder's form (<see cref="DurationFormSource"/>).
    /// </summary>
    public static IConfigurationBuilder AddSources(IConfigurationBuilder builder, IConfiguration? file, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (file is not null)
        {
            builder.AddConfiguration(file);
        }
        ConfigurationEnvironment.AddOverrides(builder, environment, FlatEnvironment);
        return builder.Add(new DurationFormSource(Sections));
    }

    /// <summary>The configuration the process runs with: <paramref name="file"/> under the environment overrides.</summary>
    public static IConfigurationRoot Build(IConfiguration? file, IReadOnlyDictionary<string, string> environment) =>
        AddSources(new ConfigurationBuilder(), file, environment).Build();

    /// <summary>Every problem, each naming its key; empty when the coordinator can start. Contacts nothing.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration effective, IConfiguration? file) =>
        ConfigurationCheck.Problems(effective, file, Sections, (services, configuration) => services.AddClickVaultCoordinator(configuration));
}
