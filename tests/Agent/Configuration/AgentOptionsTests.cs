using ClickVault.Cluster.Agent.Configuration;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

public sealed class AgentOptionsTests
{
    private const string Token = "tok-Secret-123";

    private static readonly AgentOptions Valid = new() { CoordinatorUrl = new Uri("https://coordinator:8080/"), Token = Token };

    public static TheoryData<AgentOptions, string> Invalid => new()
    {
        { Valid with { CoordinatorUrl = null }, "agent.coordinator_url must be an absolute http(s) or ws(s) URL" },
        { Valid with { CoordinatorUrl = new Uri("ftp://coordinator/") }, "agent.coordinator_url must be an absolute http(s) or ws(s) URL" },
        { Valid with { CoordinatorUrl = new Uri("https://user:pw@coordinator/") }, "agent.coordinator_url must not carry credentials" },
        { Valid with { CoordinatorUrl = new Uri("https://coordinator/?x=1") }, "agent.coordinator_url must be a base URL without query" },
        { Valid with { Token = "" }, "agent.token must be set" },
        { Valid with { Token = "two words" }, "agent.token must not contain whitespace" },
        { Valid with { HeartbeatInterval = TimeSpan.Zero }, "agent.heartbeat_interval must be greater than zero" },
        { Valid with { ReconnectMinDelay = TimeSpan.FromSeconds(-1) }, "agent.reconnect_min_delay must be greater than zero" },
        { Valid with { ReconnectMinDelay = TimeSpan.FromSeconds(10), ReconnectMaxDelay = TimeSpan.FromSeconds(5) }, "agent.reconnect_max_delay (00:00:05) must not be less than agent.reconnect_min_delay" },
        { Valid with { PollInterval = TimeSpan.Zero }, "agent.poll_interval must be greater than zero" },
        { Valid with { Cluster = "no/slashes" }, "agent.cluster is invalid: cluster name 'no/slashes' is invalid" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_bad_key_is_named_by_its_full_path(AgentOptions options, string expected)
    {
        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://c:8080")]
    [InlineData("https://c/base/")]
    [InlineData("ws://c:8080/")]
    [InlineData("wss://c")]
    public void Http_and_ws_base_urls_are_accepted(string url)
    {
        Assert.True(new AgentOptionsValidator().Validate(null, Valid with { CoordinatorUrl = new Uri(url) }).Succeeded);
    }

    [Fact]
    public void The_token_never_appears_in_text()
    {
        var text = Valid.ToString();

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("Token = [HIDDEN]", text, StringComparison.Ordinal);
        Assert.Contains("https://coordinator:8080/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new AgentOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.ReconnectMinDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ReconnectMaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Null(options.Cluster);
    }
}
