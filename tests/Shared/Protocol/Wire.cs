using System.Text;
using System.Text.Json;
using ClickVault.Cluster.Shared.Protocol;

namespace ClickVault.Cluster.Shared.Tests.Protocol;

internal static class Wire
{
    public static string Json(ProtocolMessage message) => Encoding.UTF8.GetString(ProtocolCodec.Encode(message));

    public static DecodeResult RoundTrip(ProtocolMessage message) => ProtocolCodec.Decode(ProtocolCodec.ManifestOf(message), ProtocolCodec.Encode(message));

    /// <summary>Decodes <paramref name="json"/> under the manifest its own "type" names, as an honest sender labels it.</summary>
    public static DecodeResult Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        var manifest = document.RootElement.GetProperty("type").GetString() + ".v" + ProtocolCodec.Version;
        return ProtocolCodec.Decode(manifest, Encoding.UTF8.GetBytes(json));
    }
}
