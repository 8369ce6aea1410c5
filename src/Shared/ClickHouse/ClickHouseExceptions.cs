namespace ClickVault.Cluster.Shared.ClickHouse;

/// <summary>Anything that went wrong talking to ClickHouse. Messages never carry the password or other registered secrets.</summary>
public abstract class ClickHouseException : Exception
{
    protected ClickHouseException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>ClickHouse executed the statement and refused it: the server's error code and text.</summary>
public sealed class ClickHouseServerException : ClickHouseException
{
    public ClickHouseServerException(int code, string serverMessage, string queryId)
        : base($"ClickHouse error {code}: {serverMessage}")
    {
        Code = code;
        ServerMessage = serverMessage;
        QueryId = queryId;
    }

    public int Code { get; }

    /// <summary>The exception text as ClickHouse sent it (secrets redacted).</summary>
    public string ServerMessage { get; }

    public string QueryId { get; }
}

/// <summary>ClickHouse could not be reached or the connection broke.</summary>
public sealed class ClickHouseUnavailableException(string message, Exception inner) : ClickHouseException(message, inner);

/// <summary>The call ran past its timeout (not a cancellation by the caller).</summary>
public sealed class ClickHouseTimeoutException(string message) : ClickHouseException(message);

/// <summary>The server answered something this client cannot read as the expected rows.</summary>
public sealed class ClickHouseProtocolException(string message, Exception? inner = null) : ClickHouseException(message, inner);
