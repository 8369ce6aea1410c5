using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// Runs the configured jobs on their cron slots, on the system's clock. The decisions are
/// <see cref="ScheduleDecisions.Decide"/>'s: a due slot starts its job once (missed slots collapse into one run),
/// a slot that comes due while that job is still active is skipped, and every handled slot is persisted
/// (<see cref="ScheduleStateStore"/>) before its job starts. The actor does the I/O and the timers.
/// </summary>
public sealed partial class SchedulerActor : ReceiveActor
{
    /// <summary>The actor re-decides at least this often, so a step of the wall clock cannot delay a slot by more.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    /// <summary>Delay before reading or writing the schedule state in S3 again after a failure.</summary>
    public static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<CronSchedule> _schedules;
    private readonly IReadOnlyDictionary<string, IScheduledJob> _jobs;
    private readonly ScheduleStateStore _store;
    private readonly Dictionary<string, ScheduleState> _states = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private WakeUpTimer? _wakeUp;

    /// <param name="schedules">One per configured job key.</param>
    /// <param name="jobs">The job of each schedule, by its name.</param>
    public SchedulerActor(
        IReadOnlyList<CronSchedule> schedules, IReadOnlyDictionary<string, IScheduledJob> jobs, ScheduleStateStore store, TimeProvider time, ILogger<SchedulerActor> log)
    {
        _schedules = schedules;
        _jobs = jobs;
        _store = store;
        _time = time;
        _log = log;
        ReceiveAsync<LoadSchedule>(_ => LoadAsync());
        ReceiveAsync<DecideSlots>(_ => DecideAsync());
        Receive<JobFinished>(Finished);
    }

    protected override void PreStart()
    {
        _wakeUp = new WakeUpTimer(_time, Self);
        Self.Tell(new LoadSchedule());
    }

    protected override void PostStop()
    {
        _wakeUp?.Dispose();
        // Not disposed: a job task still running may read the token.
        _stopping.Cancel();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private async Task LoadAsync()
    {
        IReadOnlyDictionary<string, ScheduleMark> marks;
        try
        {
            marks = await _store.ReadAsync(_stopping.Token);
        }
        catch (InvalidDataException e)
        {
            // Better to forget one missed slot than to stop scheduling: start afresh and overwrite the document.
            Log.StateUnreadable(_log, e.Message);
            marks = new Dictionary<string, ScheduleMark>();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StoreFailed(_log, "read", e.Message, StoreRetry);
            _wakeUp!.Arm(new LoadSchedule(), StoreRetry);
            return;
        }
        foreach (var schedule in _schedules)
        {
            var handled = marks.TryGetValue(schedule.Name, out var mark) ? mark.HandledThrough : (DateTimeOffset?)null;
            _states[schedule.Name] = new ScheduleState(schedule, handled);
            Log.Armed(_log, schedule.Name, schedule.Cron.Text, schedule.Zone.Id, handled?.ToString("u") ?? "never");
        }
        await DecideAsync();
    }

    private async Task DecideAsync()
    {
        if (_states.Count == 0)
        {
            return;
        }
        var now = Now;
        var steps = _states.Values.Select(s => ScheduleDecisions.Decide(s, now, _active.Contains(s.Schedule.Name))).ToList();
        if (steps.Any(s => !Equals(s.State, _states[s.State.Schedule.Name])))
        {
            try
            {
                await _store.WriteAsync(steps.Select(s => s.State), _stopping.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing is acted on unless it is persisted: the same slots are decided again after the retry delay.
                Log.StoreFailed(_log, "write", e.Message, StoreRetry);
                _wakeUp!.Arm(new DecideSlots(), StoreRetry);
                return;
            }
        }
        foreach (var step in steps)
        {
            var name = step.State.Schedule.Name;
            _states[name] = step.State;
            switch (step.Decision)
            {
                case Due due:
                    Start(name, due);
                    break;
                case Skipped skipped:
                    Log.SlotSkipped(_log, name, skipped.Slot, skipped.Reason);
                    break;
            }
        }
        var next = _states.Values.Select(s => s.Schedule.NextSlot(s.HandledThrough ?? now)).Where(n => n is not null).Min();
        var delay = next is { } at && at - now < MaxSleep ? at - now : MaxSleep;
        _wakeUp!.Arm(new DecideSlots(), delay);
    }

    private void Start(string name, Due due)
    {
        if (due.MissedSince is { } missed)
        {
            Log.MissedSlots(_log, name, missed, due.Slot);
        }
        Log.SlotDue(_log, name, due.Slot);
        _active.Add(name);
        var job = _jobs[name];
        var stopping = _stopping.Token;
        // Off the mailbox: the job may take as long as a whole run; its outcome comes back as a message.
        Task.Run(() => RunJobAsync(job, due.Slot, stopping), CancellationToken.None)
            .PipeTo(Self, success: outcome => new JobFinished(name, due.Slot, outcome));
    }

    private static async Task<ScheduledJobOutcome> RunJobAsync(IScheduledJob job, DateTimeOffset slot, CancellationToken stopping)
    {
        try
        {
            return await job.RunAsync(slot, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return ScheduledJobOutcome.Failed("the coordinator stopped before the job ended");
        }
        catch (Exception e)
        {
            return ScheduledJobOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Finished(JobFinished finished)
    {
        _active.Remove(finished.Name);
        switch (finished.Outcome.Status)
        {
            case ScheduledJobStatus.Started:
                Log.JobStarted(_log, finished.Name, finished.Slot, finished.Outcome.Message);
                break;
            case ScheduledJobStatus.Skipped:
                Log.SlotSkipped(_log, finished.Name, finished.Slot, finished.Outcome.Message);
                break;
            default:
                Log.JobFailed(_log, finished.Name, finished.Slot, finished.Outcome.Message);
                break;
        }
    }

    private sealed record LoadSchedule;

    private sealed record DecideSlots;

    /// <summary>A job's task → the scheduler: it ended (the job may count as active no longer).</summary>
    private sealed record JobFinished(string Name, DateTimeOffset Slot, ScheduledJobOutcome Outcome);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3241, Level = LogLevel.Information, Message = "schedule {Job}: cron '{Cron}' in {Zone}, handled through {HandledThrough}")]
        public static partial void Armed(ILogger logger, string job, string cron, string zone, string handledThrough);

        [LoggerMessage(EventId = 3242, Level = LogLevel.Information, Message = "schedule {Job}: slot {Slot:u} is due")]
        public static partial void SlotDue(ILogger logger, string job, DateTimeOffset slot);

        [LoggerMessage(EventId = 3243, Level = LogLevel.Warning, Message = "schedule {Job}: slots from {Since:u} to {Slot:u} were missed (coordinator down?); running once, for {Slot:u}")]
        public static partial void MissedSlots(ILogger logger, string job, DateTimeOffset since, DateTimeOffset slot);

        [LoggerMessage(EventId = 3244, Level = LogLevel.Warning, Message = "schedule {Job}: slot {Slot:u} skipped: {Reason}")]
        public static partial void SlotSkipped(ILogger logger, string job, DateTimeOffset slot, string reason);

        [LoggerMessage(EventId = 3245, Level = LogLevel.Information, Message = "schedule {Job}: slot {Slot:u}: {Message}")]
        public static partial void JobStarted(ILogger logger, string job, DateTimeOffset slot, string message);

        [LoggerMessage(EventId = 3246, Level = LogLevel.Error, Message = "schedule {Job}: slot {Slot:u} failed: {Reason}")]
        public static partial void JobFailed(ILogger logger, string job, DateTimeOffset slot, string reason);

        [LoggerMessage(EventId = 3247, Level = LogLevel.Error, Message = "schedule: the state in S3 could not be read; starting afresh (a slot missed while down may be lost): {Reason}")]
        public static partial void StateUnreadable(ILogger logger, string reason);

        [LoggerMessage(EventId = 3248, Level = LogLevel.Error, Message = "schedule: could not {Operation} the state in S3, retrying in {Retry}: {Reason}")]
        public static partial void StoreFailed(ILogger logger, string operation, string reason, TimeSpan retry);
    }
}
