namespace ClickVault.Cluster.Shared.Sql;

/// <summary>A <c>SETTINGS</c> entry is malformed, reserved by the builder, or given twice. The message names it.</summary>
public sealed class InvalidSqlSettingException : ArgumentException
{
    internal InvalidSqlSettingException(string settingName, string reason, string? argumentName)
        : base($"Invalid setting {DisplayText.Quote(settingName)}: {reason}.", argumentName)
    {
        SettingName = settingName;
        Reason = reason;
    }

    public string SettingName { get; }

    public string Reason { get; }
}
