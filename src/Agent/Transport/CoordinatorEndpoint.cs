namespace ClickVault.Cluster.Agent.Transport;

/// <summary>The coordinator's agent endpoint: <c>{base}/agents/ws</c>, http → ws and https → wss.</summary>
public static class CoordinatorEndpoint
{
    public const string AgentPath = "agents/ws";

    public static Uri AgentSocket(Uri coordinator)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        var scheme = coordinator.Scheme switch
        {
            "http" or "ws" => "ws",
            "https" or "wss" => "wss",
            _ => throw new ArgumentException($"coordinator URL scheme '{coordinator.Scheme}' is not http(s) or ws(s)", nameof(coordinator)),
        };
        var builder = new UriBuilder(coordinator)
        {
            Scheme = scheme,
            Port = coordinator.IsDefaultPort ? -1 : coordinator.Port,
            Query = string.Empty,
            Fragment = string.Empty,
        };
        builder.Path = builder.Path.TrimEnd('/') + "/" + AgentPath;
        return builder.Uri;
    }
}
