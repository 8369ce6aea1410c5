using ClickVault.Cluster.Coordinator.Notifications;
using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Coordinator.Api;

/// <summary>Undelivered notifications as the status API shows them (their errors are redacted by the dispatcher).</summary>
public static class UndeliveredNotificationViews
{
    public static IReadOnlyList<UndeliveredNotificationView> From(UndeliveredNotifications undelivered) =>
        [.. undelivered.Recent().Select(n => new UndeliveredNotificationView(n.RunId, n.Outcome, n.Result.Target, n.Result.Attempts, n.Result.LastError, n.At))];
}
