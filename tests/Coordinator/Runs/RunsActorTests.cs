using Akka.Actor;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Runs;

/// <summary>The runs actor with probes: one active run, refusals, and the resume of a journaled run at start.</summary>
public sealed class RunsActorTests
{
    [Fact]
    public async Task A_second_run_is_refused_while_one_is_active()
    {
        await using var w = new RunActorWorld();
        w.Agent("1");
        var runs = w.StartRuns();

        var first = await runs.Ask<object>(new StartRun(false, [], "api"), RunActorWorld.Wait);
        var second = await runs.Ask<object>(new StartRun(false, [], "api"), RunActorWorld.Wait);

        var accepted = Assert.IsType<RunAccepted>(first);
        var rejected = Assert.IsType<RunRejected>(second);
        Assert.Equal("run_active", rejected.Code);
        Assert.Contains(accepted.Run.RunId, rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "no_agents")]
    [InlineData(true, "invalid_request")]
    public async Task A_run_without_agents_or_of_an_unknown_shard_is_refused(bool agent, string code)
    {
        await using var w = new RunActorWorld();
        if (agent)
        {
            w.Agent("1");
        }
        var runs = w.StartRuns();

        var answer = await runs.Ask<object>(new StartRun(false, ["9"], "api"), RunActorWorld.Wait);

        Assert.Equal(code, Assert.IsType<RunRejected>(answer).Code);
    }

    [Fact]
    public async Task An_open_run_in_the_journal_is_resumed_at_start_and_asks_its_agent()
    {
        await using var w = new RunActorWorld();
        var agent = w.Agent("1");
        var operation = OperationId.ForBackup(RunId.Parse("20260301T020000Z"), new ShardId("1")).Value;
        var open = RunActorTests.Pending("1").Apply(RunActorTests.Planned(w, "1")).Apply(new ShardDispatched(RunActorTests.Start, "1", "r1", operation));
        await w.Journal.WriteAsync(open, default);
        var runs = w.StartRuns();

        var query = await RunActorWorld.NextAsync<QueryOperations>(agent);
        var overview = await runs.Ask<RunsOverview>(new GetRuns(5), RunActorWorld.Wait);

        Assert.Equal([operation], query.OperationIds);
        Assert.Equal(open.RunId, overview.Active?.RunId);
        var refused = await runs.Ask<object>(new StartRun(false, [], "api"), RunActorWorld.Wait);
        Assert.Equal("run_active", Assert.IsType<RunRejected>(refused).Code);
    }
}
