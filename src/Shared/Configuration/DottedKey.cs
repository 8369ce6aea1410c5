using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>A configuration path as messages name it: dotted, list items in brackets (<c>notifications.targets[0].url</c>).</summary>
public static class DottedKey
{
    public static string Of(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return string.Concat(configurationPath.Split(ConfigurationPath.KeyDelimiter).Select((segment, i) =>
            int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]" : i == 0 ? segment : "." + segment));
    }
}
