using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>
/// One row of the driver's typed reader as the row record it was asked for: columns by name, through the record's
/// source-generated JSON contract. Date-times read as ClickHouse prints them (<c>yyyy-MM-dd HH:mm:ss</c>).
/// </summary>
internal static class DriverRows
{
    private const string DateTimeText = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static T Read<T>(DbDataReader reader, JsonTypeInfo<T> rowType)
    {
        var row = new JsonObject();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = Node(reader.IsDBNull(i) ? null : reader.GetValue(i));
        }

        try
        {
            return row.Deserialize(rowType) ?? throw new ClickHouseProtocolException($"ClickHouse returned a null row for {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new ClickHouseProtocolException($"cannot read a {typeof(T).Name} row from ClickHouse: {e.Message}", e);
        }
    }

    private static JsonNode? Node(object? value) => value switch
    {
        null or DBNull => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        float or double => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        decimal d => JsonValue.Create(d),
        // "F" drops the fraction and its point when it is zero: whole seconds read as ClickHouse prints them.
        DateTime t => JsonValue.Create(t.ToString(DateTimeText, CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.UtcDateTime.ToString(DateTimeText, CultureInfo.InvariantCulture)),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(Node)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
