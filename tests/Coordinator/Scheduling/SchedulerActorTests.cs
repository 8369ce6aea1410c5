using ClickVault.Cluster.Coordinator.Runs;
using ClickVault.Cluster.Coordinator.Scheduling;
using ClickVault.Cluster.Shared.Api;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Scheduling;

/// <summary>The scheduler on a manual clock: the real backup job, the runs actor played by a probe, no sleeps.</summary>
public sealed class SchedulerActorTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_due_slot_starts_a_scheduled_run_and_persists_it_as_handled()
    {
        await using var h = new SchedulerHarness(At("2025-03-01T01:59:00Z"));
        h.Start("0 2 * * *");

        await h.AdvanceToWakeUpAsync(At("2025-03-01T02:00:00Z"));
        var start = await h.ExpectStartRunAsync(new RunAccepted(SchedulerHarness.Run("20250301T020000Z")));

        Assert.Equal(("schedule", false, 0), (start.Trigger, start.Full, start.Shards.Count));
        var mark = (await h.StateStore.ReadAsync(default))["backup"];
        Assert.Equal((At("2025-03-01T02:00:00Z"), "0 2 * * *", "UTC"), (mark.HandledThrough, mark.Cron, mark.TimeZone));
        await h.Log.WaitForAsync("schedule backup: slot 2025-03-01 02:00:00Z: run 20250301T020000Z started", SchedulerHarness.Wait);
        // Nothing more until the next slot (the wake-up after an hour only re-decides).
        await h.AdvanceToWakeUpAsync(At("2025-03-01T03:00:00Z"));
        await h.Runs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_slot_due_while_a_run_is_active_is_skipped_logged_and_shown_on_the_active_run_then_the_next_slot_runs()
    {
        await using var h = new SchedulerHarness(At("2025-03-01T01:59:30Z"));
        await using var activeEvents = h.Events.SubscribeAsync("20250301T013000Z", CancellationToken.None).GetAsyncEnumerator();
        var firstEvent = activeEvents.MoveNextAsync().AsTask();
        h.Start("0 * * * *");

        await h.AdvanceToWakeUpAsync(At("2025-03-01T02:00:00Z"));
        await h.ExpectStartRunAsync(new RunRejected("run_active", "a run of cluster main is already active (20250301T013000Z); one run at a time"));
        await h.Runs.ExpectMsgAsync<GetRuns>(SchedulerHarness.Wait);
        h.Runs.Reply(new RunsOverview(SchedulerHarness.Run("20250301T013000Z", "api"), []));

        Assert.True(await firstEvent.WaitAsync(SchedulerHarness.Wait));
        Assert.Equal("schedule.skipped", activeEvents.Current.Kind);
        Assert.Equal("schedule backup: slot 2025-03-01 02:00:00Z skipped, not queued: a run of cluster main is already active (20250301T013000Z); one run at a time",
            activeEvents.Current.Message);
        await h.Log.WaitForAsync("schedule backup: slot 2025-03-01 02:00:00Z skipped", SchedulerHarness.Wait);

        // The skipped slot is not queued: the next start is for the next slot, and only one.
        await h.AdvanceToWakeUpAsync(At("2025-03-01T03:00:00Z"));
        await h.ExpectStartRunAsync(new RunAccepted(SchedulerHarness.Run("20250301T030000Z")));
        await h.Runs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(At("2025-03-01T03:00:00Z"), (await h.StateStore.ReadAsync(default))["backup"].HandledThrough);
    }

    [Fact]
    public async Task A_slot_due_while_the_same_job_is_still_running_is_skipped_and_the_job_runs_again_at_the_next_slot()
    {
        await using var h = new SchedulerHarness(At("2025-03-01T01:59:30Z"));
        var verify = new GatedJob();
        h.Start("0 * * * *", new Dictionary<string, IScheduledJob> { ["verify"] = verify });

        await h.AdvanceToWakeUpAsync(At("2025-03-01T02:00:00Z"));
        Assert.Equal(At("2025-03-01T02:00:00Z"), await verify.NextCallAsync());

        await h.AdvanceToWakeUpAsync(At("2025-03-01T03:00:00Z"));
        await h.Log.WaitForAsync("schedule verify: slot 2025-03-01 03:00:00Z skipped: schedule verify: slot 2025-03-01 03:00:00Z came due while a run was active", SchedulerHarness.Wait);
        Assert.False(verify.HasPendingCall);
        Assert.Equal(At("2025-03-01T03:00:00Z"), (await h.StateStore.ReadAsync(default))["verify"].HandledThrough);

        verify.Release();
        await h.Log.WaitForAsync("schedule verify: slot 2025-03-01 02:00:00Z: ran for 2025-03-01 02:00:00Z", SchedulerHarness.Wait);
        await h.AdvanceToWakeUpAsync(At("2025-03-01T04:00:00Z"));
        Assert.Equal(At("2025-03-01T04:00:00Z"), await verify.NextCallAsync());
        verify.Release();
    }

    [Fact]
    public async Task After_a_restart_missed_slots_run_once_and_a_handled_slot_never_runs_again()
    {
        var store = new InMemoryObjectStore();
        await using (var before = new SchedulerHarness(At("2025-03-01T01:59:00Z"), store))
        {
            before.Start("0 2 * * *");
            await before.AdvanceToWakeUpAsync(At("2025-03-01T02:00:00Z"));
            await before.ExpectStartRunAsync(new RunAccepted(SchedulerHarness.Run("20250301T020000Z")));
        }

        // Down for three days: the slots of 03-02, 03-03 and 03-04 passed unhandled.
        await using (var after = new SchedulerHarness(At("2025-03-04T03:00:00Z"), store))
        {
            after.Start("0 2 * * *");
            await after.ExpectStartRunAsync(new RunAccepted(SchedulerHarness.Run("20250304T030000Z")));
            await after.Log.WaitForAsync("schedule backup: slots from 2025-03-02 02:00:00Z to 2025-03-04 02:00:00Z were missed", SchedulerHarness.Wait);
            await after.Runs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
            Assert.Equal(At("2025-03-04T02:00:00Z"), (await after.StateStore.ReadAsync(default))["backup"].HandledThrough);
        }

        await using (var again = new SchedulerHarness(At("2025-03-04T03:30:00Z"), store))
        {
            again.Start("0 2 * * *");
            await again.Log.WaitForAsync("schedule backup: cron '0 2 * * *' in UTC, handled through 2025-03-04 02:00:00Z", SchedulerHarness.Wait);
            await again.AdvanceToWakeUpAsync(At("2025-03-04T04:30:00Z"));
            await again.Runs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        }
    }

    [Fact]
    public async Task The_first_start_arms_the_schedule_without_running_a_slot_from_before_it()
    {
        await using var h = new SchedulerHarness(At("2025-03-01T02:30:00Z"));
        h.Start("0 2 * * *");

        await h.AdvanceToWakeUpAsync(At("2025-03-01T03:30:00Z"));

        await h.Runs.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(At("2025-03-01T02:30:00Z"), (await h.StateStore.ReadAsync(default))["backup"].HandledThrough);
    }

    [Fact]
    public async Task An_unreadable_state_document_is_reported_and_the_schedule_starts_afresh()
    {
        var store = new InMemoryObjectStore();
        await using var h = new SchedulerHarness(At("2025-03-01T01:59:00Z"), store);
        await store.PutAsync(h.Layout.ScheduleStateKey, "{ not json"u8.ToArray(), "application/json", default);
        h.Start("0 2 * * *");

        await h.Log.WaitForAsync("schedule: the state in S3 could not be read; starting afresh", SchedulerHarness.Wait);
        await h.AdvanceToWakeUpAsync(At("2025-03-01T02:00:00Z"));
        await h.ExpectStartRunAsync(new RunAccepted(SchedulerHarness.Run("20250301T020000Z")));
    }
}
