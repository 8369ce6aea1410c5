namespace ClickVault.Cluster.Coordinator.Runs;

/// <summary>
/// Work that follows a finished run (e.g. retention's auto-cleanup): called by the run actor after the manifest and
/// the notification, before the run is released. A listener logs its own failures; one that throws is logged by the
/// run actor and never changes the run's outcome. Listeners are resolved when the coordinator starts, so they may
/// depend on <see cref="CoordinatorRuntime"/>.
/// </summary>
public interface IRunFinishedListener
{
    Task RunFinishedAsync(RunState run, CancellationToken cancellationToken);
}
