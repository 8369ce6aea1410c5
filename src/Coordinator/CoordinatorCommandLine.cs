namespace ClickVault.Cluster.Coordinator;

/// <summary><c>clickvault-coordinator [--config FILE] [--run-once [--full] [--shard N]...]</c>.</summary>
public sealed record CoordinatorCommandLine(string? ConfigFile, bool RunOnce, bool Full, IReadOnlyList<string> Shards, bool Help)
{
    public static string Usage { get; } = string.Join(
        Environment.NewLine,
        "usage: clickvault-coordinator [--config FILE.yaml|FILE.json|FILE.toml] [--run-once [--full] [--shard N]...]",
        "  --config FILE   settings (YAML, JSON or TOML; see deploy/coordinator.example.yaml). Environment variables",
        "                  CLICKVAULT_{SECTION}__{KEY} and CLICKVAULT_AGENT_TOKEN, CLICKVAULT_OPERATOR_TOKEN,",
        "                  CLICKVAULT_S3_ACCESS_KEY, CLICKVAULT_S3_SECRET_KEY win over the file.",
        "  --run-once      start, wait up to run_once.agent_timeout for an agent of every shard, run one cluster backup,",
        "                  write catalog, manifest and notification, then exit (for cron, systemd timers, CronJobs)",
        "  --full          with --run-once: a full backup of every shard",
        "  --shard N       with --run-once: only this shard (repeatable)",
        "",
        CoordinatorExitCodes.HelpText);

    /// <exception cref="ArgumentException">An argument is unknown, lacks its value, or needs --run-once.</exception>
    public static CoordinatorCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? config = null;
        bool runOnce = false, full = false;
        var shards = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            switch (name)
            {
                case "-h" or "--help":
                    return new CoordinatorCommandLine(config, runOnce, full, shards, Help: true);
                case "--config":
                    config = inline ?? Next(args, ref i, name);
                    break;
                case "--shard":
                    shards.Add(inline ?? Next(args, ref i, name));
                    break;
                case "--run-once" when inline is null:
                    runOnce = true;
                    break;
                case "--full" when inline is null:
                    full = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (!runOnce && (full || shards.Count > 0))
        {
            throw new ArgumentException("--full and --shard need --run-once (a long-running coordinator takes runs from the API and its schedule)");
        }
        return new CoordinatorCommandLine(config, runOnce, full, [.. shards.Distinct(StringComparer.Ordinal)], Help: false);
    }

    private static string Next(IReadOnlyList<string> args, ref int i, string name) =>
        i + 1 < args.Count && args[i + 1].Length > 0 && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[++i]
            : throw new ArgumentException($"{name} needs a value");
}
