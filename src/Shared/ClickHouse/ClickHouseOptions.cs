using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>How to reach one ClickHouse server over its HTTP interface (port 8123).</summary>
public sealed record ClickHouseOptions
{
    public const string Section = "clickhouse";

    public Uri? Url { get; init; }

    public string User { get; init; } = "default";

    public string Password { get; init; } = string.Empty;

    public string Database { get; init; } = "default";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public override string ToString() =>
        $"ClickHouseOptions {{ Url = {Url}, User = {User}, Password = {(Password.Length == 0 ? "(empty)" : "[HIDDEN]")}, Database = {Database}, Timeout = {Timeout} }}";
}

/// <summary>Names every wrong key of <see cref="ClickHouseOptions"/> by its configuration path.</summary>
public sealed class ClickHouseOptionsValidator : IValidateOptions<ClickHouseOptions>
{
    public ValidateOptionsResult Validate(string? name, ClickHouseOptions options)
    {
        var failures = new List<string>();
        if (options.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{ClickHouseOptions.Section}.url must be an absolute http(s) URL such as http://127.0.0.1:8123/");
        }
        else if (!string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add($"{ClickHouseOptions.Section}.url must not carry credentials; use {ClickHouseOptions.Section}.user and {ClickHouseOptions.Section}.password");
        }
        if (string.IsNullOrWhiteSpace(options.User))
        {
            failures.Add($"{ClickHouseOptions.Section}.user must not be empty");
        }
        if (string.IsNullOrWhiteSpace(options.Database))
        {
            failures.Add($"{ClickHouseOptions.Section}.database must not be empty");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{ClickHouseOptions.Section}.timeout must be > 0");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
