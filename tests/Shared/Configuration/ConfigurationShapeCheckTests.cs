using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Configuration;

public sealed class ConfigurationShapeCheckTests
{
    private static readonly ConfigurationSectionSchema[] Sections =
    [
        new("job", typeof(JobOptions)),
        ConfigurationSectionSchema.Free("logging"),
    ];

    [Fact]
    public void Every_unknown_key_and_unreadable_value_is_named_by_its_documented_key()
    {
        var shape = Check(new()
        {
            ["job:NAME"] = "nightly",
            ["job:every"] = "5",
            ["job:retries"] = "three",
            ["job:enabled"] = "yes",
            ["job:mode"] = "sometimes",
            ["job:tags"] = "a",
            ["job:targets:0:url"] = "http://x/",
            ["job:targets:0:timeout"] = "soon",
            ["job:targets:0:colour"] = "red",
            ["job:targets:1"] = "just text",
            ["job:headers:X-Key"] = "k",
            ["job:typo"] = "x",
        });

        string[] expected =
        [
            "job.every is invalid: '5' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "job.retries must be a whole number (got 'three')",
            "job.enabled must be true or false (got 'yes')",
            "job.mode must be one of daily, weekly (got 'sometimes')",
            "job.tags must be a list (YAML '- item' lines or [a, b]), not a single value",
            "job.targets[0].timeout is invalid: 'soon' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "job.targets[0].colour is not a known key (known: url, timeout)",
            "job.targets[1] must be a mapping of keys (url, timeout), not a single value",
            "job.typo is not a known key (known: name, every, retries, enabled, mode, tags, targets, headers)",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), shape.Problems.Order(StringComparer.Ordinal));
        Assert.Equal("nightly", shape.Sanitized["job:NAME"]);
        Assert.Equal("http://x/", shape.Sanitized["job:targets:0:url"]);
        Assert.Null(shape.Sanitized["job:every"]);
        Assert.Null(shape.Sanitized["job:targets:0:timeout"]);
    }

    [Fact]
    public void Valid_values_and_free_sections_pass()
    {
        var shape = Check(new()
        {
            ["job:every"] = "1.02:03:04.500",
            ["job:retries"] = "-3",
            ["job:enabled"] = "False",
            ["job:mode"] = "WEEKLY",
            ["job:tags:0"] = "a",
            ["job:tags:1"] = "b",
            ["job:targets"] = "",
            ["logging:LogLevel:Default"] = "Warning",
        });

        Assert.Empty(shape.Problems);
    }

    [Fact]
    public void Durations_with_units_bind_once_the_duration_form_source_is_on_top()
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["job:every"] = "1h30m",
            ["job:targets:0:timeout"] = "500ms",
            ["job:retries"] = "2",
        });
        var configuration = builder.Add(new DurationFormSource(Sections)).Build();

        var job = configuration.GetSection("job").Get<JobOptions>()!;

        Assert.Empty(ConfigurationShapeCheck.Check(configuration, null, Sections).Problems);
        Assert.Equal(TimeSpan.FromMinutes(90), job.Every);
        Assert.Equal(TimeSpan.FromMilliseconds(500), job.Targets[0].Timeout);
        Assert.Equal("01:30:00", configuration["job:every"]);
    }

    [Fact]
    public void Only_the_file_is_checked_for_unknown_sections()
    {
        var file = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["jobs:every"] = "x", ["job:name"] = "n" }).Build();
        var effective = new ConfigurationBuilder().AddConfiguration(file).AddInMemoryCollection(new Dictionary<string, string?> { ["PATH"] = "/bin" }).Build();

        var shape = ConfigurationShapeCheck.Check(effective, file, Sections);

        Assert.Equal(["jobs is not a known section (known: job, logging)"], shape.Problems);
    }

    [Fact]
    public void Validator_failures_about_a_key_the_shape_check_dropped_are_not_repeated()
    {
        var shape = Check(new() { ["job:every"] = "5" });

        var merged = shape.Merge(["job.every must be > 0", "job.everything must be set", "job.name must be set", "job.name must be set"]);

        Assert.Equal(
        [
            "job.every is invalid: '5' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "job.everything must be set",
            "job.name must be set",
        ], merged);
    }

    [Fact]
    public void The_check_runs_the_registered_validators_on_the_sanitized_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["job:every"] = "often",
            ["job:retries"] = "-1",
        }).Build();

        var problems = ConfigurationCheck.Problems(configuration, null, Sections, (services, c) =>
        {
            services.AddOptions<JobOptions>().Bind(c.GetSection("job")).ValidateOnStart();
            services.AddSingleton<IValidateOptions<JobOptions>, JobValidator>();
        });

        Assert.Equal(
        [
            "job.every is invalid: 'often' is not a duration; use numbers with a unit ms, s, m, h, d or w (500ms, 30s, 12h, 1d12h) or hh:mm:ss",
            "job.retries must be >= 0",
            "job.name must be set",
        ], problems);
    }

    [Fact]
    public void Secret_values_are_found_by_key_and_redacted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["coordinator:agent_token"] = "token-value-123",
            ["clickhouse:password"] = "pw-value",
            ["s3:secret_key"] = "secret-value",
            ["notifications:targets:0:url"] = "https://hooks.example/T/B/X",
            ["notifications:targets:0:headers:X-Api-Key"] = "api-key-value",
            ["notifications:targets:0:name"] = "ops-team",
            ["clickhouse:user"] = "default",
            ["agent:token"] = "abc",
        }).Build();

        var secrets = ConfigurationSecrets.Values(configuration);

        Assert.Equal(["https://hooks.example/T/B/X", "token-value-123", "api-key-value", "secret-value", "pw-value"], secrets);
        Assert.Equal("x [REDACTED] y [REDACTED] ops-team default abc",
            ConfigurationSecrets.Redact("x token-value-123 y https://hooks.example/T/B/X ops-team default abc", secrets));
    }

    private static ConfigurationShape Check(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return ConfigurationShapeCheck.Check(configuration, configuration, Sections);
    }

    public enum JobMode
    {
        Daily,
        Weekly,
    }

    public sealed record JobOptions
    {
        public string Name { get; init; } = "";

        [ConfigurationKeyName("every")]
        public TimeSpan Every { get; init; } = TimeSpan.FromHours(1);

        [ConfigurationKeyName("retries")]
        public int Retries { get; init; }

        [ConfigurationKeyName("enabled")]
        public bool Enabled { get; init; } = true;

        [ConfigurationKeyName("mode")]
        public JobMode Mode { get; init; }

        [ConfigurationKeyName("tags")]
        public IReadOnlyList<string> Tags { get; init; } = [];

        [ConfigurationKeyName("targets")]
        public IReadOnlyList<TargetOptions> Targets { get; init; } = [];

        [ConfigurationKeyName("headers")]
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    }

    public sealed record TargetOptions
    {
        [ConfigurationKeyName("url")]
        public string Url { get; init; } = "";

        [ConfigurationKeyName("timeout")]
        public TimeSpan Timeout { get; init; }
    }

    private sealed class JobValidator : IValidateOptions<JobOptions>
    {
        public ValidateOptionsResult Validate(string? name, JobOptions options)
        {
            var failures = new List<string>();
            if (options.Retries < 0)
            {
                failures.Add("job.retries must be >= 0");
            }
            if (string.IsNullOrEmpty(options.Name))
            {
                failures.Add("job.name must be set");
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
