namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A backup or restore request (or one of its destinations) cannot become a valid statement. The message names the
/// offending input; <see cref="ArgumentException.ParamName"/> names the property it came from. Never holds secrets.
/// </summary>
public sealed class InvalidBackupRequestException : ArgumentException
{
    internal InvalidBackupRequestException(string message, string? argumentName)
        : base(message, argumentName)
    {
    }
}
