using ClickVault.Cluster.Agent.Configuration;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

public sealed class AgentOptionsTests
{
    private const string Token = "tok-Secret-123";

    private static readonly AgentOptions Valid = new() { CoordinatorContacts = ["coordinator-0:4053"], Token = Token };

    public static TheoryData<AgentOptions, string> Invalid => new()
    {
        { Valid with { CoordinatorContacts = [] }, "agent.coordinator_contacts must list at least one coordinator node as host:port" },
        { Valid with { CoordinatorContacts = ["coordinator-0:4053", "https://coordinator:8080/"] }, "agent.coordinator_contacts[1] must be host:port with a port of 1-65535, got 'https://coordinator:8080/'" },
        { Valid with { CoordinatorContacts = ["coordinator-0"] }, "agent.coordinator_contacts[0] must be host:port" },
        { Valid with { RemotingHost = "not a host" }, "agent.remoting_host must be a host name or IP address, got 'not a host'" },
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
    [InlineData("c:4053")]
    [InlineData("10.0.0.7:1")]
    [InlineData("coordinator-0.coordinators.clickvault.svc:4053")]
    public void Host_and_port_contacts_are_accepted(string contact)
    {
        Assert.True(new AgentOptionsValidator().Validate(null, Valid with { CoordinatorContacts = [contact, "other:4053"] }).Succeeded);
    }

    [Fact]
    public void The_token_never_appears_in_text()
    {
        var text = Valid.ToString();

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("Token = [HIDDEN]", text, StringComparison.Ordinal);
        Assert.Contains("CoordinatorContacts = [coordinator-0:4053]", text, StringComparison.Ordinal);
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
