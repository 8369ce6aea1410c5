namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A statement to run: <see cref="Text"/> is the exact SQL, credentials included; <see cref="Redacted"/> is the same
/// with every secret replaced by <c>'[HIDDEN]'</c>. <see cref="ToString"/> returns <see cref="Redacted"/>, so logging
/// the statement never leaks credentials.
/// </summary>
public sealed record SqlStatement(string Text, string Redacted)
{
    public override string ToString() => Redacted;
}
