using ClickVault.Cluster.Cli.Client;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>The options every verb takes, resolved against their environment defaults.</summary>
public sealed record GlobalOptions(Uri Coordinator, OperatorToken? Token, TimeSpan Timeout, bool Json)
{
    public CoordinatorConnection Connection => new(Coordinator, Token, Timeout);
}

/// <summary>A verb's parsed options; each verb has exactly one such record.</summary>
public interface IVerbOptions
{
    GlobalOptions Global { get; }
}
