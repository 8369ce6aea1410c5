using ClickVault.Cluster.Coordinator.Scheduling;
using Xunit;
using static ClickVault.Cluster.Coordinator.Tests.Scheduling.CronExpressionTests;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

public sealed class ScheduleDecisionsTests
{
    private static CronSchedule Schedule(string cron, string zone = "UTC") =>
        new("backup", CronExpression.Parse(cron), TimeZoneInfo.FindSystemTimeZoneById(zone));

    public static TheoryData<string, string, string?, string, ScheduleDecision, string?> Cases => new()
    {
        { "first start: not due before the first slot after start", "0 * * * *", null, "2026-01-01T10:17:00Z", new NotDue(At("2026-01-01T11:00:00Z")), "2026-01-01T10:17:00Z" },
        { "first start exactly on a slot: that slot is not due", "0 * * * *", null, "2026-01-01T11:00:00Z", new NotDue(At("2026-01-01T12:00:00Z")), "2026-01-01T11:00:00Z" },
        { "not yet due", "0 2 * * *", "2026-01-01T02:00:00Z", "2026-01-02T01:59:59Z", new NotDue(At("2026-01-02T02:00:00Z")), "2026-01-01T02:00:00Z" },
        { "due on time", "0 2 * * *", "2026-01-01T02:00:00Z", "2026-01-02T02:00:00Z", new Due(At("2026-01-02T02:00:00Z"), null), "2026-01-02T02:00:00Z" },
        { "due a little late", "0 2 * * *", "2026-01-01T02:00:00Z", "2026-01-02T02:00:07Z", new Due(At("2026-01-02T02:00:00Z"), null), "2026-01-02T02:00:00Z" },
        { "missed slots run once, for the latest", "0 2 * * *", "2026-01-01T02:00:00Z", "2026-01-05T09:00:00Z", new Due(At("2026-01-05T02:00:00Z"), At("2026-01-02T02:00:00Z")), "2026-01-05T02:00:00Z" },
        { "a month of every-minute slots runs once", "* * * * *", "2026-01-01T00:00:00Z", "2026-02-01T00:00:30Z", new Due(At("2026-02-01T00:00:00Z"), At("2026-01-01T00:01:00Z")), "2026-02-01T00:00:00Z" },
        { "sparse slots after a long outage", "0 3 1 1,7 *", "2025-01-01T03:00:00Z", "2026-03-10T00:00:00Z", new Due(At("2026-01-01T03:00:00Z"), At("2025-07-01T03:00:00Z")), "2026-01-01T03:00:00Z" },
        { "never fires", "0 0 30 2 *", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", new NotDue(null), "2026-01-01T00:00:00Z" },
        { "first start, never fires", "0 0 30 2 *", null, "2026-06-01T00:00:00Z", new NotDue(null), "2026-06-01T00:00:00Z" },
        { "handled slot ahead of the clock (clock stepped back)", "0 2 * * *", "2026-01-10T02:00:00Z", "2026-01-05T00:00:00Z", new NotDue(At("2026-01-11T02:00:00Z")), "2026-01-10T02:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides(string name, string cron, string? handled, string now, ScheduleDecision expected, string? handledAfter)
    {
        var state = new ScheduleState(Schedule(cron), handled is null ? null : At(handled));

        var step = ScheduleDecisions.Decide(state, At(now), runActive: false);

        Assert.True(expected == step.Decision, $"{name}: expected {expected}, got {step.Decision}");
        Assert.Equal(handledAfter is null ? null : At(handledAfter), step.State.HandledThrough);
        Assert.Same(state.Schedule, step.State.Schedule);
    }

    [Fact]
    public void A_slot_that_comes_due_while_a_run_is_active_is_skipped_not_queued()
    {
        var state = new ScheduleState(Schedule("0 2 * * *"), At("2026-01-01T02:00:00Z"));

        var skipped = ScheduleDecisions.Decide(state, At("2026-01-02T02:00:01Z"), runActive: true);
        var afterRun = ScheduleDecisions.Decide(skipped.State, At("2026-01-02T03:30:00Z"), runActive: false);

        var decision = Assert.IsType<Skipped>(skipped.Decision);
        Assert.Equal(At("2026-01-02T02:00:00Z"), decision.Slot);
        Assert.Contains("slot 2026-01-02 02:00:00Z came due while a run was active", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(At("2026-01-02T02:00:00Z"), skipped.State.HandledThrough);
        Assert.Equal(new NotDue(At("2026-01-03T02:00:00Z")), afterRun.Decision);
    }

    [Fact]
    public void Missed_slots_during_an_active_run_are_skipped_once()
    {
        var state = new ScheduleState(Schedule("0 * * * *"), At("2026-01-01T00:00:00Z"));

        var step = ScheduleDecisions.Decide(state, At("2026-01-01T05:10:00Z"), runActive: true);

        Assert.Equal(At("2026-01-01T05:00:00Z"), Assert.IsType<Skipped>(step.Decision).Slot);
        Assert.Equal(new NotDue(At("2026-01-01T06:00:00Z")), ScheduleDecisions.Decide(step.State, At("2026-01-01T05:10:00Z"), runActive: false).Decision);
    }

    [Fact]
    public void A_scheduler_that_wakes_at_each_next_slot_runs_every_slot_once_and_resumes_after_a_restart()
    {
        var schedule = Schedule("30 2 * * *", "Europe/Berlin");
        var state = new ScheduleState(schedule, null);
        var now = At("2026-03-27T12:00:00Z");
        var runs = new List<DateTimeOffset>();
        for (var wakeups = 0; wakeups < 8; wakeups++)
        {
            var step = ScheduleDecisions.Decide(state, now, runActive: false);
            state = step.State;
            switch (step.Decision)
            {
                case Due due:
                    runs.Add(due.Slot);
                    break;
                case NotDue { Next: { } next }:
                    now = next;
                    break;
            }
        }

        // 28 March 02:30 CET, 29 March at the DST jump (03:00 CEST), 30 March 02:30 CEST, 31 March 02:30 CEST
        Assert.Equal([At("2026-03-28T01:30:00Z"), At("2026-03-29T01:00:00Z"), At("2026-03-30T00:30:00Z"), At("2026-03-31T00:30:00Z")], runs);

        // the coordinator is down for three days; only what was persisted survives
        var restarted = new ScheduleState(schedule, state.HandledThrough);
        var resumed = ScheduleDecisions.Decide(restarted, At("2026-04-03T08:00:00Z"), runActive: false);

        Assert.Equal(new Due(At("2026-04-03T00:30:00Z"), At("2026-04-01T00:30:00Z")), resumed.Decision);
    }
}
