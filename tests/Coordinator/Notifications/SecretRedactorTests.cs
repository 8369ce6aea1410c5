using ClickVault.Cluster.Coordinator.Notifications;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Notifications;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData(
        "BACKUP DATABASE db TO S3('https://s3.example.com/bucket/prod/', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY') failed",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY",
        "S3('https://s3.example.com/bucket/prod/', '[HIDDEN]', '[HIDDEN]') failed")]
    [InlineData(
        "SELECT * FROM s3Cluster('main', 'http://minio:9000/b/*.csv', 'minio_user', 'minio_pass_123', 'CSV')",
        "minio_pass_123",
        "s3Cluster('main', 'http://minio:9000/b/*.csv', '[HIDDEN]', '[HIDDEN]', '[HIDDEN]')")]
    [InlineData(
        "Code: 499. DB::Exception: truncated S3('http://s3/b', 'key-id-1234', 'half-a-secr",
        "half-a-secr",
        "S3('http://s3/b', '[HIDDEN]', '[HIDDEN]'")]
    [InlineData("remote('ch-2:9000', db.t, 'backup', 'Sup3rSecret!')", "Sup3rSecret!", "remote('ch-2:9000', db.t, '[HIDDEN]', '[HIDDEN]')")]
    [InlineData("mysql('db:3306', 'shop', 'orders', 'root', 'r00tpw')", "r00tpw", "mysql('db:3306', 'shop', 'orders', '[HIDDEN]', '[HIDDEN]')")]
    [InlineData("connect failed: password=hunter2hunter2 host=ch-1", "hunter2hunter2", "password=[HIDDEN] host=ch-1")]
    [InlineData("secret_access_key = 'abc/def+ghi' in named collection", "abc/def+ghi", "secret_access_key = '[HIDDEN]' in named collection")]
    [InlineData("{\"user\":\"backup\",\"password\":\"p@ss w0rd\"}", "p@ss w0rd", "{\"user\":\"backup\",\"password\":\"[HIDDEN]\"}")]
    [InlineData("request headers: X-ClickHouse-User: backup, X-ClickHouse-Key: chk3y_value", "chk3y_value", "X-ClickHouse-User: backup, X-ClickHouse-Key: [HIDDEN]")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9", "Authorization: [HIDDEN]")]
    [InlineData("receiver answered 401 to Bearer eyJhbGciOiJIUzI1NiJ9.x (expired)", "eyJhbGciOiJIUzI1NiJ9", "401 to Bearer [HIDDEN] (expired)")]
    [InlineData("<s3><access_key_id>AKIAXXXXEXAMPLE</access_key_id><secret_access_key>xml-secret</secret_access_key></s3>", "xml-secret", "<secret_access_key>[HIDDEN]</secret_access_key>")]
    [InlineData("CREATE USER backup IDENTIFIED WITH sha256_password BY 'userpass1'", "userpass1", "IDENTIFIED WITH sha256_password BY '[HIDDEN]'")]
    [InlineData("fetch https://admin:adm1npass@minio.local:9000/bucket failed", "adm1npass", "https://[HIDDEN]@minio.local:9000/bucket")]
    [InlineData("GET https://s3.amazonaws.com/b/k?X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=abcdef0123456789 403", "abcdef0123456789", "X-Amz-Signature=[HIDDEN] 403")]
    [InlineData("posting to https://hooks.slack.com/services/T0001/B0002/XXXXyyyyZZZZ1234 failed", "XXXXyyyyZZZZ1234", "https://hooks.slack.com/services/[HIDDEN] failed")]
    [InlineData("slack said invalid_auth for xoxb-123456-abcdef-ghijkl", "xoxb-123456", "invalid_auth for [HIDDEN]")]
    [InlineData("key id AKIAIOSFODNN7EXAMPLE is not authorised", "AKIAIOSFODNN7EXAMPLE", "key id [HIDDEN] is not authorised")]
    [InlineData("clickhouse-client --password s3cr3tpw --query 'SELECT 1'", "s3cr3tpw", "--password [HIDDEN] --query")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlrZXk=;EndpointSuffix=core", "bXlrZXk=", "AccountKey=[HIDDEN];")]
    public void Credentials_are_replaced_and_the_rest_of_the_message_kept(string input, string secret, string expected)
    {
        var redacted = SecretRedactor.PatternsOnly.Redact(input);

        Assert.NotNull(redacted);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(expected, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Code: 243. DB::Exception: Cannot reserve 1.00 GiB, not enough space. (NOT_ENOUGH_SPACE)")]
    [InlineData("Code: 516. DB::Exception: backup: Authentication failed: password is incorrect, or there is no user with such name.")]
    [InlineData("BACKUP DATABASE sales TO Disk('backups', 'prod/shard-1/full/20261122T020000Z/') failed")]
    [InlineData("primary key (id, ts) sorting key mismatch")]
    public void Ordinary_error_messages_are_left_alone(string input) =>
        Assert.Equal(input, SecretRedactor.PatternsOnly.Redact(input));

    [Fact]
    public void Known_secrets_are_replaced_wherever_they_appear_but_short_ones_are_not()
    {
        var redactor = new SecretRedactor(["the-webhook-token-123", "abc", null]);

        var redacted = redactor.Redact("agent reported the-webhook-token-123 (abc) twice: the-webhook-token-123");

        Assert.Equal("agent reported [HIDDEN] (abc) twice: [HIDDEN]", redacted);
    }

    [Fact]
    public void A_targets_url_parts_and_header_values_count_as_secrets()
    {
        var target = new NotificationTargetOptions
        {
            Url = "https://hooks.example.com/services/T01234567/B01234567/AbCdEfGhIjKlMnOpQrStUvWx?code=queryToken12345",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "header-secret-value" },
        };
        var redactor = new SecretRedactor(SecretRedactor.SecretsOf(target));

        var redacted = redactor.Redact(
            "seen: /services/T01234567/B01234567/AbCdEfGhIjKlMnOpQrStUvWx?code=queryToken12345, AbCdEfGhIjKlMnOpQrStUvWx, queryToken12345, header-secret-value on hooks.example.com");

        Assert.DoesNotContain("AbCdEfGhIjKlMnOpQrStUvWx", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("queryToken12345", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("header-secret-value", redacted, StringComparison.Ordinal);
        Assert.Contains("on hooks.example.com", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_and_empty_pass_through_and_huge_input_is_cut_before_matching()
    {
        Assert.Null(SecretRedactor.PatternsOnly.Redact(null));
        Assert.Equal("", SecretRedactor.PatternsOnly.Redact(""));

        var huge = new string('x', SecretRedactor.MaxInputLength * 2) + " password=tail-secret";
        var redacted = SecretRedactor.PatternsOnly.Redact(huge);

        Assert.Equal(SecretRedactor.MaxInputLength, redacted!.Length);
        Assert.DoesNotContain("tail-secret", redacted, StringComparison.Ordinal);
    }
}
