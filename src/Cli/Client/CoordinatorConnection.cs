namespace ClickVault.Cluster.Cli.Client;

/// <summary>Where the coordinator is, how to authenticate, and how long one request may take.</summary>
public sealed record CoordinatorConnection(Uri BaseAddress, OperatorToken? Token, TimeSpan RequestTimeout)
{
    /// <summary>
    /// The absolute URI of an API route, keeping any path prefix of <see cref="BaseAddress"/>
    /// (a coordinator behind a reverse proxy at <c>https://ops.example/clickvault/</c>).
    /// </summary>
    public Uri Resolve(string pathAndQuery)
    {
        var root = BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");
        return new Uri(root, pathAndQuery.TrimStart('/'));
    }
}
