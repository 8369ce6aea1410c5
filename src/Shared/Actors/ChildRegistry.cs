namespace ClickVault.Cluster.Shared.Actors;

/// <summary>
/// The live children of one parent (an actor, or the <c>/user</c> guardian) by name. A name is taken from spawn until the
/// child has fully stopped, so a watcher that gets <see cref="Terminated"/> can spawn the same name again. Once closed
/// (the parent is stopping) no child can be added.
/// </summary>
internal sealed class ChildRegistry(string ownerPath)
{
    private const string AllowedPunctuation = "-_.:@+=~";
    private readonly Lock gate = new();
    private readonly Dictionary<string, ActorCell> children = new(StringComparer.Ordinal);
    private bool closed;

    /// <summary>Throws <see cref="InvalidActorNameException"/> unless <paramref name="name"/> is a valid user-chosen actor name.</summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name[0] == '$' || !name.All(c => char.IsAsciiLetterOrDigit(c) || AllowedPunctuation.Contains(c)))
        {
            throw new InvalidActorNameException(
                $"invalid actor name '{name}': use ASCII letters, digits and {AllowedPunctuation}, not starting with '$' (reserved for generated names)");
        }
    }

    public void Add(ActorCell child)
    {
        lock (gate)
        {
            if (closed)
            {
                throw new InvalidOperationException($"cannot spawn {child.Self.Path}: {ownerPath} is stopping");
            }

            if (!children.TryAdd(child.Self.Name, child))
            {
                throw new InvalidActorNameException($"actor name '{child.Self.Name}' is already taken under {ownerPath}");
            }
        }
    }

    public void Remove(ActorCell child)
    {
        lock (gate)
        {
            if (children.TryGetValue(child.Self.Name, out var current) && ReferenceEquals(current, child))
            {
                children.Remove(child.Self.Name);
            }
        }
    }

    public ActorCell? Find(string name)
    {
        lock (gate)
        {
            return children.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<ActorCell> Snapshot()
    {
        lock (gate)
        {
            return [.. children.Values];
        }
    }

    public IReadOnlyCollection<ActorRef> Refs() => [.. Snapshot().Select(child => child.Self)];

    /// <summary>Refuses further children and returns the live ones, to be stopped.</summary>
    public IReadOnlyList<ActorCell> Close()
    {
        lock (gate)
        {
            closed = true;
            return [.. children.Values];
        }
    }
}
