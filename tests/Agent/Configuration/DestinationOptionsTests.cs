using ClickVault.Cluster.Agent.Configuration;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

public sealed class DestinationOptionsTests
{
    private const string AccessKey = "AKIA-ACCESS-7";
    private const string SecretKey = "wJalr-SECRET-9";

    private static readonly DestinationOptions S3 = new()
    {
        S3Endpoint = new Uri("https://s3.example.com"),
        S3Bucket = "backups",
        S3AccessKey = AccessKey,
        S3SecretKey = SecretKey,
    };

    public static TheoryData<DestinationOptions, string> Invalid => new()
    {
        { new DestinationOptions { Disk = " " }, "destination.disk must not be empty" },
        { new DestinationOptions { Disk = "a\nb" }, "destination.disk must not contain control characters" },
        { S3 with { S3Endpoint = new Uri("ftp://s3.example.com") }, "destination.s3_endpoint must be an absolute http(s) URL" },
        { S3 with { S3Endpoint = new Uri("https://k:s@s3.example.com") }, "destination.s3_endpoint must not carry credentials" },
        { S3 with { S3Bucket = "a/b" }, "destination.s3_bucket must be a bucket name" },
        { S3 with { S3Bucket = null }, "destination.s3_bucket must be set when destination.s3_endpoint, destination.s3_access_key, destination.s3_secret_key are set" },
        { new DestinationOptions { S3SecretKey = SecretKey }, "destination.s3_endpoint must be set when destination.s3_secret_key is set" },
        { new DestinationOptions { S3SecretKey = SecretKey }, "destination.s3_access_key must be set when destination.s3_secret_key is set" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_bad_key_is_named_and_no_credential_is_echoed(DestinationOptions options, string expected)
    {
        var result = new DestinationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(SecretKey, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_only_and_complete_s3_settings_are_valid()
    {
        Assert.True(new DestinationOptionsValidator().Validate(null, new DestinationOptions()).Succeeded);
        Assert.True(new DestinationOptionsValidator().Validate(null, S3).Succeeded);
        Assert.True(S3.HasS3);
        Assert.False(new DestinationOptions().HasS3);
        Assert.Equal("backups", new DestinationOptions().Disk);
    }

    [Fact]
    public void Credentials_never_appear_in_text()
    {
        var text = S3.ToString();

        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, text, StringComparison.Ordinal);
        Assert.Contains("S3SecretKey = [HIDDEN]", text, StringComparison.Ordinal);
        Assert.Contains("https://s3.example.com", text, StringComparison.Ordinal);
    }
}
