namespace ClickVault.Cluster.Coordinator.Tests.Actors;

/// <summary>What every actor test system runs with.</summary>
internal static class ActorTests
{
    /// <summary>Akka's own log stays quiet (warnings up); the actors log through Microsoft.Extensions.Logging.</summary>
    public const string Config = "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING";
}
