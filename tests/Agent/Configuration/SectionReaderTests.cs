using ClickVault.Cluster.Agent.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Configuration;

public sealed class SectionReaderTests
{
    [Fact]
    public void Snake_case_keys_are_read_into_the_options()
    {
        var read = AgentOptions.Read(new SectionReader(Configuration(new()
        {
            ["agent:coordinator_contacts:0"] = "coordinator-0:4053",
            ["agent:coordinator_contacts:1"] = "coordinator-1:4053",
            ["agent:remoting_port"] = "4060",
            ["agent:token"] = "t",
            ["agent:heartbeat_interval"] = "2s",
            ["agent:reconnect_min_delay"] = "250ms",
            ["agent:reconnect_max_delay"] = "00:00:10",
            ["agent:poll_interval"] = "1.5s",
            ["agent:cluster"] = "main",
        }), AgentOptions.Section));

        Assert.Empty(read.Errors);
        Assert.Equal(["coordinator-0:4053", "coordinator-1:4053"], read.Value.CoordinatorContacts);
        Assert.Equal(new AgentOptions
        {
            RemotingPort = 4060,
            Token = "t",
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(250),
            ReconnectMaxDelay = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromSeconds(1.5),
            Cluster = "main",
        }, read.Value with { CoordinatorContacts = [] });
    }

    [Fact]
    public void Every_unreadable_value_and_unknown_key_is_named_without_echoing_urls()
    {
        var read = DestinationOptions.Read(new SectionReader(Configuration(new()
        {
            ["destination:s3_endpoint"] = "not a url with secret-ish text",
            ["destination:bucket"] = "typo",
            ["destination:disk"] = "backups",
        }), DestinationOptions.Section));

        Assert.Equal(
        [
            "destination.s3_endpoint must be an absolute URL",
            "destination.bucket is not a known key (known: disk, s3_endpoint, s3_bucket, s3_access_key, s3_secret_key)",
        ], read.Errors);
        Assert.Equal(new HashSet<string> { "destination.s3_endpoint", "destination.bucket" }, read.FailedKeys);
    }

    [Fact]
    public void A_list_is_read_from_an_array_or_from_one_comma_separated_value()
    {
        var fromEnvironment = AgentOptions.Read(new SectionReader(Configuration(new() { ["agent:coordinator_contacts"] = " coordinator-0:4053, coordinator-1:4053 ,," }), AgentOptions.Section));

        Assert.Equal(["coordinator-0:4053", "coordinator-1:4053"], fromEnvironment.Value.CoordinatorContacts);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
