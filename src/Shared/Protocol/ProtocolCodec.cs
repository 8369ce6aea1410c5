using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>A decoded message, or the reason the bytes were rejected (never an exception to the caller).</summary>
public readonly record struct DecodeResult(ProtocolMessage? Message, string? Rejection)
{
    public bool Ok => Message is not null;
}

/// <summary>
/// Encodes and decodes protocol messages with source-generated System.Text.Json. A message's manifest is its type
/// discriminator with the protocol version, <c>backup.start.v1</c>; the body is its JSON (discriminator included).
/// </summary>
public static class ProtocolCodec
{
    public const int Version = 1;

    /// <summary>Largest message accepted; a report of a few operations is a few KB.</summary>
    public const int MaxMessageBytes = 1 << 20;

    /// <summary>Akka.Remote's frame limit on both ends (its default, 128 kB, would drop a config file of 100 kB as base64).</summary>
    public const int MaxFrameBytes = 2 * MaxMessageBytes;

    private static readonly string Suffix = ".v" + Version.ToString(CultureInfo.InvariantCulture);

    private static readonly FrozenDictionary<Type, string> Names = typeof(ProtocolMessage)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToFrozenDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    private static readonly FrozenDictionary<string, Type> Types = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every manifest this side reads and writes.</summary>
    public static IReadOnlyCollection<string> Manifests => [.. Types.Keys.Select(n => n + Suffix)];

    public static string ManifestOf(ProtocolMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Names.TryGetValue(message.GetType(), out var name)
            ? name + Suffix
            : throw new ArgumentException($"{message.GetType().Name} is not a protocol message (no type discriminator)", nameof(message));
    }

    public static byte[] Encode(ProtocolMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJson.Default.ProtocolMessage);

    public static DecodeResult Decode(string manifest, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var dot = manifest.LastIndexOf(".v", StringComparison.Ordinal);
        if (dot <= 0 || !Types.TryGetValue(manifest[..dot], out var expected))
        {
            return new(null, $"unknown manifest '{manifest}'");
        }
        if (!string.Equals(manifest[dot..], Suffix, StringComparison.Ordinal))
        {
            return new(null, $"manifest '{manifest}' is of another protocol version (this side speaks v{Version})");
        }
        if (utf8.Length > MaxMessageBytes)
        {
            return new(null, $"'{manifest}' message of {utf8.Length} bytes exceeds the {MaxMessageBytes}-byte limit");
        }
        try
        {
            var message = JsonSerializer.Deserialize(utf8, ProtocolJson.Default.ProtocolMessage);
            if (message is null)
            {
                return new(null, $"'{manifest}' message is JSON null");
            }
            return message.GetType() == expected
                ? new(message, null)
                : new(null, $"'{manifest}' message carries a body of type '{Names[message.GetType()]}'");
        }
        catch (JsonException e)
        {
            return new(null, $"malformed '{manifest}' message: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            return new(null, $"unsupported '{manifest}' message: {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ProtocolMessage))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
