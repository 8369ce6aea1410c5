using Akka.Actor;
using Akka.Hosting;

namespace ClickVault.Cluster.Coordinator.Actors;

/// <summary>How the use cases ask an actor of the host's actor system.</summary>
public static class RequiredActorAsks
{
    /// <summary>Waits for the actor while the actor system starts (a request may come in before), then asks it.</summary>
    public static async Task<TAnswer> AskAsync<TAnswer, TActor>(
        this IRequiredActor<TActor> actor, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = await actor.GetAsync(cancellationToken).ConfigureAwait(false);
        return await target.Ask<TAnswer>(message, timeout, cancellationToken).ConfigureAwait(false);
    }
}
