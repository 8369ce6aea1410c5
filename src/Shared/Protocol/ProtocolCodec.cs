using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>The versioned envelope <c>{"v":1,"message":{"type":...}}</c>.</summary>
public sealed record Envelope(int V, ProtocolMessage Message);

/// <summary>A decoded message, or the reason the bytes were rejected (never an exception to the receive loop).</summary>
public readonly record struct DecodeResult(ProtocolMessage? Message, string? Rejection)
{
    public bool Ok => Message is not null;
}

/// <summary>Encodes and decodes protocol envelopes with source-generated System.Text.Json.</summary>
public static class ProtocolCodec
{
    public const int Version = 1;

    /// <summary>Largest message accepted; a report of a few operations is a few KB.</summary>
    public const int MaxMessageBytes = 1 << 20;

    public static byte[] Encode(ProtocolMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(new Envelope(Version, message), ProtocolJson.Default.Envelope);

    public static DecodeResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxMessageBytes)
        {
            return new(null, $"message of {utf8.Length} bytes exceeds the {MaxMessageBytes}-byte limit");
        }
        try
        {
            var envelope = JsonSerializer.Deserialize(utf8, ProtocolJson.Default.Envelope);
            if (envelope is null)
            {
                return new(null, "message is JSON null");
            }
            if (envelope.V != Version)
            {
                return new(null, $"protocol version {envelope.V} is not supported (this side speaks {Version})");
            }
            return envelope.Message is null ? new(null, "envelope has no message") : new(envelope.Message, null);
        }
        catch (JsonException e)
        {
            return new(null, $"malformed message: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            return new(null, $"unsupported message: {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Envelope))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
