using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Configuration;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

/// <summary>An actor system bound to <see cref="ProtocolSerializer"/> the way the agent and tier bind it.</summary>
public sealed class ProtocolSerializationFixture : IAsyncLifetime
{
    // No serialization-identifiers entry: ProtocolSerializer overrides Identifier, Akka reads that entry only otherwise.
    private const string Hocon = """
        akka.actor.serializers.clickvault-protocol = "ClickVault.Cluster.Shared.Protocol.ProtocolSerializer, ClickVault.Cluster.Shared"
        akka.actor.serialization-bindings {
          "ClickVault.Cluster.Shared.Protocol.ProtocolMessage, ClickVault.Cluster.Shared" = clickvault-protocol
        }
        akka.loglevel = WARNING
        """;

    public ActorSystem System { get; } = ActorSystem.Create("protocol-serializer-spec", ConfigurationFactory.ParseString(Hocon));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => System.Terminate();
}

public sealed class ProtocolSerializerTests(ProtocolSerializationFixture fixture) : IClassFixture<ProtocolSerializationFixture>
{
    public static TheoryData<string, ProtocolMessage> EveryMessage()
    {
        var data = new TheoryData<string, ProtocolMessage>();
        foreach (var message in ProtocolMessageSamples.All)
        {
            data.Add(message.GetType().Name, message);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_message_round_trips_through_akka_serialization(string name, ProtocolMessage message)
    {
        var serialization = fixture.System.Serialization;

        var serializer = Assert.IsType<ProtocolSerializer>(serialization.FindSerializerFor(message));
        var manifest = serializer.Manifest(message);
        var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.Equal(ProtocolCodec.ManifestOf(message), manifest);
        Assert.Equal(name, back.GetType().Name);
        // Records holding lists compare them by reference: the re-encoded JSON is the structural comparison.
        Assert.Equal(Json(message), Json((ProtocolMessage)back));
    }

    [Fact]
    public void Every_protocol_message_type_has_a_spec_case()
    {
        var declared = typeof(ProtocolMessage).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType.Name).Order();
        var covered = ProtocolMessageSamples.All.Select(m => m.GetType().Name).Distinct().Order();

        Assert.Equal(declared, covered);
        Assert.Equal(ProtocolCodec.Manifests.Order(), ProtocolMessageSamples.All.Select(ProtocolCodec.ManifestOf).Distinct().Order());
    }

    [Fact]
    public void The_serializer_keeps_its_fixed_identifier()
    {
        var bytes = """{"type":"operation.cancel","operation_id":"r-1"}"""u8.ToArray();

        Assert.Equal(7480, Serializer.Identifier);
        Assert.IsType<CancelOperation>(fixture.System.Serialization.Deserialize(bytes, 7480, "operation.cancel.v1"));
    }

    [Fact]
    public void An_agent_envelope_carries_its_message_whole()
    {
        var completed = ProtocolMessageSamples.All.OfType<BackupCompleted>().Single();
        var envelope = new AgentEnvelope("1", "replica-1", completed);
        var serializer = fixture.System.Serialization.FindSerializerFor(envelope);

        var back = Assert.IsType<AgentEnvelope>(fixture.System.Serialization.Deserialize(
            serializer.ToBinary(envelope), serializer.Identifier, "agent.envelope.v1"));

        Assert.Equal(("1", "replica-1"), (back.Shard, back.Replica));
        Assert.Equal(Json(completed), Json(Assert.IsType<BackupCompleted>(back.Message)));
    }

    [Fact]
    public void A_hello_never_prints_its_token()
    {
        var hello = ProtocolMessageSamples.All.OfType<AgentHello>().Single() with { Token = "s3cr3t" };

        Assert.DoesNotContain("s3cr3t", hello.ToString(), StringComparison.Ordinal);
        Assert.Contains("[HIDDEN]", hello.ToString(), StringComparison.Ordinal);
        Assert.Contains("s3cr3t", Json(hello), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent.selfdestruct.v1")]
    [InlineData("operation.cancel.v2")]
    [InlineData("")]
    public void An_unreadable_manifest_is_refused_naming_it(string manifest)
    {
        var bytes = """{"type":"operation.cancel","operation_id":"r-1"}"""u8.ToArray();

        var refused = Assert.Throws<SerializationException>(() => fixture.System.Serialization.Deserialize(bytes, ProtocolSerializer.Id, manifest));

        Assert.Contains($"'{manifest}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_body_is_refused_naming_its_manifest()
    {
        var refused = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{"u8.ToArray(), "operation.cancel.v1"));

        Assert.Contains("'operation.cancel.v1'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_protocol_messages_are_serialized()
    {
        Assert.Throws<ArgumentException>(() => Serializer.ToBinary("not a message"));
        Assert.Throws<ArgumentException>(() => Serializer.Manifest(42));
    }

    private ProtocolSerializer Serializer =>
        Assert.IsType<ProtocolSerializer>(fixture.System.Serialization.FindSerializerForType(typeof(ProtocolMessage)));

    private static string Json(ProtocolMessage message) => Encoding.UTF8.GetString(ProtocolCodec.Encode(message));
}
