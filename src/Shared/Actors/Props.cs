namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// How to create an actor: a factory called once at spawn and again on every restart. It must return a new instance each
/// time (dependencies are captured by the lambda, as with Akka's <c>Props.Create(() => new MyActor(dep))</c>).
/// </summary>
public sealed class Props
{
    private readonly Func<Actor> factory;

    private Props(Type actorType, Func<Actor> factory)
    {
        ActorType = actorType;
        this.factory = factory;
    }

    public Type ActorType { get; }

    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory);
    }

    public static Props Create<TActor>()
        where TActor : Actor, new() => new(typeof(TActor), static () => new TActor());

    internal Actor NewActor() =>
        factory() ?? throw new InvalidOperationException($"the Props factory of {ActorType.Name} returned null");

    public override string ToString() => $"Props({ActorType.Name})";
}
