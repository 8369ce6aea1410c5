using System.Text.Json;
using System.Text.Json.Serialization;
using ClickVault.Cluster.Shared.Layout;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>Typed ids travel as plain JSON strings; an invalid one fails decoding with the id's own message.</summary>
public abstract class StringIdJsonConverter<T> : JsonConverter<T>
{
    protected abstract T Parse(string text);

    protected abstract string Format(T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string for {typeof(T).Name}, got {reader.TokenType}");
        }
        try
        {
            return Parse(reader.GetString()!);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));
}

public sealed class OperationIdJsonConverter : StringIdJsonConverter<OperationId>
{
    protected override OperationId Parse(string text) => new(text);

    protected override string Format(OperationId value) => value.Value;
}

public sealed class ShardIdJsonConverter : StringIdJsonConverter<ShardId>
{
    protected override ShardId Parse(string text) => new(text);

    protected override string Format(ShardId value) => value.Value;
}

public sealed class RunIdJsonConverter : StringIdJsonConverter<RunId>
{
    protected override RunId Parse(string text) => RunId.Parse(text);

    protected override string Format(RunId value) => value.Value;
}

public sealed class ClusterNameJsonConverter : StringIdJsonConverter<ClusterName>
{
    protected override ClusterName Parse(string text) => new(text);

    protected override string Format(ClusterName value) => value.Value;
}
