using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// Akka serializer of every <see cref="ProtocolMessage"/>: manifest <c>backup.start.v1</c>, body JSON
/// (<see cref="ProtocolCodec"/>). A message this side cannot read throws a <see cref="SerializationException"/> naming its
/// manifest, which Akka.Remote logs and drops; the receiving actor never sees it.
/// </summary>
public sealed class ProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Fixed for the life of the protocol: both ends of a link must agree on it.</summary>
    public const int Id = 7480;

    public const string Name = "clickvault-protocol";

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        o is ProtocolMessage message ? ProtocolCodec.ManifestOf(message) : throw NotOurs(o);

    public override byte[] ToBinary(object obj) =>
        obj is ProtocolMessage message ? ProtocolCodec.Encode(message) : throw NotOurs(obj);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var decoded = ProtocolCodec.Decode(manifest, bytes);
        return decoded.Message ?? throw new SerializationException($"refused a message with manifest '{manifest}': {decoded.Rejection}");
    }

    private static ArgumentException NotOurs(object o) =>
        new($"{o?.GetType().Name ?? "null"} is not a protocol message; {Name} serializes only ProtocolMessage", nameof(o));
}
