using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Tests.Stub;

/// <summary>How the stub coordinator stream ends when it does not send <c>event: end</c>.</summary>
internal enum StreamBreak
{
    None,

    /// <summary>The response completes normally after the events (the server closed the stream).</summary>
    Close,

    /// <summary>The connection is aborted mid-response (the coordinator died).</summary>
    Abort,
}

/// <summary>What the stub coordinator answers. Every field has a sensible canned default.</summary>
internal sealed partial record StubScenario
{
    public string Token { get; init; } = Canned.Token;

    public RunView Started { get; init; } = Canned.Started();

    public RunView Finished { get; init; } = Canned.Succeeded();

    /// <summary>The events streamed before <c>event: end</c>; defaults to events leading to <see cref="Finished"/>.</summary>
    public IReadOnlyList<RunEvent>? Events { get; init; }

    public StreamBreak StreamBreak { get; init; } = StreamBreak.None;

    /// <summary>Answers of <c>GET /api/runs/{id}</c> in order (the last one repeats); defaults to <see cref="Finished"/>.</summary>
    public IReadOnlyList<RunView>? Polls { get; init; }

    /// <summary>An active run makes <c>POST /api/runs</c> answer 409 run_active.</summary>
    public bool RunActive { get; init; }

    public IReadOnlyList<AgentView> Agents { get; init; } = Canned.Agents();

    public IReadOnlyList<CoordinatorNodeView> Nodes { get; init; } = Canned.Nodes();

    public IReadOnlyList<BackupView> Backups { get; init; } = Canned.Backups();

    public StatusView Status { get; init; } = Canned.Status();

    /// <summary>Further routes a test maps (after the token check), e.g. for verbs this stub does not serve itself.</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? Routes { get; init; }

    /// <summary>When set, <c>GET /api/status</c> answers this status code with this raw body and content type.</summary>
    public (int Status, string ContentType, string Body)? StatusFailure { get; init; }
}
