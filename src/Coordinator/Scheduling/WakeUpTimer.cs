using Akka.Actor;

namespace ClickVault.Cluster.Coordinator.Scheduling;

/// <summary>
/// One pending wake-up of an actor on the injected clock; arming it again replaces the pending one. The scheduler sleeps
/// until wall-clock slots, so its timer runs on the <see cref="TimeProvider"/> its slots are computed with (tests move a
/// fake one), not on Akka's scheduler.
/// </summary>
internal sealed class WakeUpTimer(TimeProvider time, IActorRef target) : IDisposable
{
    private ITimer? _timer;

    public void Arm(object message, TimeSpan delay)
    {
        _timer?.Dispose();
        _timer = time.CreateTimer(
            static state =>
            {
                var (recipient, wakeUp) = ((IActorRef, object))state!;
                recipient.Tell(wakeUp, ActorRefs.NoSender);
            },
            (target, message),
            delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
            Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer?.Dispose();
}
