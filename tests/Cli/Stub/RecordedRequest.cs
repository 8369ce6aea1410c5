namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>One request the stub coordinator received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string Body);
