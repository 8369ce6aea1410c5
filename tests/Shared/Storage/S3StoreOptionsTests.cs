using ClickVault.Cluster.Shared.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Storage;

public sealed class S3StoreOptionsTests
{
    private static readonly S3StoreOptions Valid = new()
    {
        Endpoint = "http://127.0.0.1:9000",
        Bucket = "backups",
        AccessKey = "AKIAEXAMPLEACCESS",
        SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    };

    [Fact]
    public void Valid_options_pass_including_the_default_credential_chain()
    {
        var validator = new S3StoreOptionsValidator();

        Assert.Empty(validator.Check(Valid));
        Assert.Empty(validator.Check(Valid with { Endpoint = null, AccessKey = null, SecretKey = null }));
        Assert.True(validator.Validate(null, Valid with { Endpoint = "https://s3.example.com/" }).Succeeded);
    }

    [Fact]
    public void The_validator_names_every_wrong_key()
    {
        var bad = new S3StoreOptions
        {
            Endpoint = "ftp://example.com",
            Region = " ",
            Bucket = "",
            AccessKey = "AKIAONLYACCESS",
            MaxAttempts = 0,
            RequestTimeout = TimeSpan.Zero,
        };

        var failures = new S3StoreOptionsValidator().Check(bad);

        Assert.Equal(
            [
                "s3.endpoint must be an absolute http(s) URL",
                "s3.region must not be empty",
                "s3.bucket must not be empty",
                "s3.secret_key must be set when s3.access_key is set",
                "s3.max_attempts must be at least 1",
                "s3.request_timeout must be positive",
            ],
            failures);
    }

    [Theory]
    [InlineData("Backups")]
    [InlineData("ab")]
    [InlineData("under_score")]
    [InlineData("-leading")]
    public void Bucket_names_follow_the_s3_rules(string bucket)
    {
        var failure = Assert.Single(new S3StoreOptionsValidator("storage.s3").Check(Valid with { Bucket = bucket }));

        Assert.StartsWith("storage.s3.bucket must be 3-63 characters", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_redacts_the_credentials()
    {
        var text = Valid.ToString();

        Assert.DoesNotContain(Valid.AccessKey!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Valid.SecretKey!, text, StringComparison.Ordinal);
        Assert.Contains("Bucket = backups", text, StringComparison.Ordinal);
        Assert.Contains("SecretKey = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddObjectStore_fails_at_startup_naming_the_wrong_keys_of_its_section()
    {
        var configuration = Configuration(("clickvault:s3:endpoint", "not a url"), ("clickvault:s3:secret_key", "hunter2-secret"));
        using var services = new ServiceCollection().AddObjectStore(configuration.GetSection("clickvault:s3")).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("clickvault.s3.endpoint must be an absolute http(s) URL", ex.Failures);
        Assert.Contains("clickvault.s3.bucket must not be empty", ex.Failures);
        Assert.Contains("clickvault.s3.access_key must be set when clickvault.s3.secret_key is set", ex.Failures);
        Assert.DoesNotContain("hunter2-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddObjectStore_binds_the_section_and_registers_a_retrying_s3_store()
    {
        var configuration = Configuration(
            ("s3:endpoint", "http://127.0.0.1:9000"),
            ("s3:bucket", "backups"),
            ("s3:access_key", "AKIAEXAMPLEACCESS"),
            ("s3:secret_key", "secret"),
            ("s3:force_path_style", "false"),
            ("s3:max_attempts", "2"));
        using var services = new ServiceCollection().AddObjectStore(configuration.GetSection("s3")).BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<S3StoreOptions>>().Value;
        var store = services.GetRequiredService<IObjectStore>();

        Assert.Equal(
            Valid with { SecretKey = "secret", ForcePathStyle = false, MaxAttempts = 2 },
            options);
        Assert.IsType<RetryingObjectStore>(store);
        Assert.Equal("backups", store.Bucket);
    }

    [Fact]
    public void The_store_refuses_invalid_options()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new S3ObjectStore(Valid with { Bucket = "" }));

        Assert.Equal(["s3.bucket must not be empty"], ex.Failures);
    }

    private static IConfigurationRoot Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
