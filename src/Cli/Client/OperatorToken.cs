namespace ClickVault.Cluster.Cli.Client;

/// <summary>
/// The operator's bearer token. Its text is reachable only through <see cref="Value"/> (for the Authorization
/// header and for redaction); <see cref="ToString"/> never shows it, so a logged options record cannot leak it.
/// </summary>
public sealed class OperatorToken
{
    public OperatorToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    internal string Value { get; }

    public override string ToString() => "[REDACTED]";
}
