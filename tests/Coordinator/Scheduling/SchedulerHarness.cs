using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.Membership;
using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Tests.Membership;
using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Coordinator.Tests.Actors;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Layout;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Storage;
using ClickVault.Cluster.Testing.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

/// <summary>
/// A <see cref="SchedulerActor"/> on a manual clock with the real backup job, whose runs actor is an Akka.TestKit
/// <see cref="TestProbe"/> (the test answers StartRun and GetRuns) and whose membership has one connected agent.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public SchedulerHarness(DateTimeOffset start, IObjectStore? store = null)
    {
        Time = new TimerTrackingTimeProvider(start);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Log));
        Kit = new TestKit(ActorTests.Config, "scheduler-test");
        Runs = Kit.CreateTestProbe("runs");
        Store = store ?? new InMemoryObjectStore();
        Registry = new AgentRegistry(Options.Create(new CoordinatorOptions { AgentTimeout = TimeSpan.FromDays(3650) }), Time);
        Registry.Register(new AgentIdentity("main", "1", "replica-1", "host-1", "26.5", new Dictionary<string, string> { ["shard"] = "1" }, "test"), new NullAgentChannel());
    }

    private readonly ILoggerFactory _loggers;

    public TimerTrackingTimeProvider Time { get; }

    public LogLines Log { get; } = new();

    public TestKit Kit { get; }

    public ActorSystem System => Kit.Sys;

    public TestProbe Runs { get; }

    public IObjectStore Store { get; }

    public AgentRegistry Registry { get; }

    public RunEventHub Events { get; } = new();

    public BackupLayout Layout { get; } = new(new LayoutOptions("scheduling", new ClusterName("main")));

    public ScheduleStateStore StateStore => new(Store, Layout);

    public IScheduledJob BackupJob => new BackupScheduledJob(
        new ProbeClusterRuns(Runs.Ref), new AgentReadiness(Registry, Time), Events,
        Options.Create(new BackupOptions { AgentWait = TimeSpan.FromSeconds(10) }), Time);

    /// <summary>Starts the scheduler with <paramref name="jobs"/> (default: the backup job) on <paramref name="cron"/>.</summary>
    public IActorRef Start(string cron, IReadOnlyDictionary<string, IScheduledJob>? jobs = null)
    {
        jobs ??= new Dictionary<string, IScheduledJob> { ["backup"] = BackupJob };
        var schedules = jobs.Keys.Select(k => ScheduleOptionsValidator.TryCreate(new ScheduleOptions(k, cron, null), out _)!).ToList();
        var (store, time, log) = (StateStore, Time, _loggers.CreateLogger<SchedulerActor>());
        return System.ActorOf(Props.Create(() => new SchedulerActor(schedules, jobs, store, time, log)), "scheduler");
    }

    /// <summary>Waits until the scheduler has armed its wake-up for <paramref name="at"/>, then moves the clock there.</summary>
    public async Task AdvanceToWakeUpAsync(DateTimeOffset at)
    {
        using var timeout = new CancellationTokenSource(Wait);
        await Time.WaitForTimerAtAsync(at, timeout.Token);
        Time.SetUtcNow(at);
    }

    /// <summary>Expects the backup job's StartRun and answers it.</summary>
    public async Task<StartRun> ExpectStartRunAsync(object reply)
    {
        var start = await Runs.ExpectMsgAsync<StartRun>(Wait);
        Runs.Reply(reply);
        return start;
    }

    public static RunView Run(string runId, string trigger = "schedule") =>
        new(runId, "main", "running", trigger, false, DateTimeOffset.UnixEpoch, null, []);

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        _loggers.Dispose();
    }

    /// <summary>The runs actor as the backup job sees it, answered by the probe.</summary>
    private sealed class ProbeClusterRuns(IActorRef runs) : IClusterRuns
    {
        public Task<object> StartRunAsync(StartRun request, CancellationToken cancellationToken) =>
            runs.Ask<object>(request, Wait, cancellationToken);

        public async Task<RunView?> ActiveRunAsync(CancellationToken cancellationToken) =>
            (await runs.Ask<RunsOverview>(new GetRuns(1), Wait, cancellationToken)).Active;
    }
}

/// <summary>A job that records each call and stays active until the test releases it (a long verify, say).</summary>
internal sealed class GatedJob : IScheduledJob
{
    private readonly Channel<DateTimeOffset> _calls = Channel.CreateUnbounded<DateTimeOffset>();
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ScheduledJobOutcome> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        var gate = _gate;
        await _calls.Writer.WriteAsync(slot, cancellationToken);
        await gate.Task.WaitAsync(cancellationToken);
        return ScheduledJobOutcome.Started($"ran for {slot:u}");
    }

    public async Task<DateTimeOffset> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(SchedulerHarness.Wait);
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    public bool HasPendingCall => _calls.Reader.TryPeek(out _);

    /// <summary>Lets the running call end; later calls wait for the next release.</summary>
    public void Release()
    {
        var gate = _gate;
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.TrySetResult();
    }
}
