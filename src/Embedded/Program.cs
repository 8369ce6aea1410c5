using System.Globalization;
using ClickVault.Cluster.Embedded.Http;
using ClickVault.Cluster.Embedded.Launch;

namespace ClickVault.Cluster.Embedded;

/// <summary>
/// clickvault-embedded: a ClickHouse node on the real engine (libchdb.so) behind the HTTP interface,
/// and the launcher of a whole embedded cluster (S shards x R replicas + an S3 server).
/// </summary>
public static class Program
{
    private const string Usage = """
        usage:
          clickvault-embedded up     [--dir .embedded] [--shards 2] [--replicas 2] [--cluster clickvault]
          clickvault-embedded down   [--dir .embedded]
          clickvault-embedded status [--dir .embedded]
          clickvault-embedded seed    [--dir .embedded] [--rows 100000] [--merges on|off] (load more demo rows into every shard;
                                     --merges off pauses merges of demo.events first, until the node restarts)
          clickvault-embedded configs [--dir .embedded]   (write coordinator.json + agent-*.json; print URL and operator token)
          clickvault-embedded node   --port P --path DIR --config FILE [--lib libchdb.so] [--name N]
                                     [--user default] [--connections 4] [--pid-file F]
                                     (password from CLICKVAULT_EMBEDDED_PASSWORD)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        try
        {
            var options = VerbArguments.Parse(args.AsSpan(1));
            return args[0] switch
            {
                "node" => await NodeHost.RunAsync(ParseNode(options)).ConfigureAwait(false),
                "up" => await LauncherVerbs.UpAsync(options).ConfigureAwait(false),
                "down" => await LauncherVerbs.DownAsync(options).ConfigureAwait(false),
                "status" => await LauncherVerbs.StatusAsync(options).ConfigureAwait(false),
                "seed" => await LauncherVerbs.SeedAsync(options).ConfigureAwait(false),
                "configs" => await LauncherVerbs.ConfigsAsync(options).ConfigureAwait(false),
                _ => throw new ArgumentException($"unknown verb '{args[0]}'"),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }
    }

    private static NodeOptions ParseNode(VerbArguments a) => new(
        Name: a.Get("name") ?? $"node-{a.Require("port")}",
        Port: a.GetInt("port") ?? throw new ArgumentException("--port is required"),
        DataPath: Path.GetFullPath(a.Require("path")),
        ConfigFile: Path.GetFullPath(a.Require("config")),
        LibraryPath: a.Get("lib") ?? RepoPaths.ChdbLibrary(),
        User: a.Get("user") ?? "default",
        Password: Environment.GetEnvironmentVariable(NodeOptions.PasswordVariable) ?? string.Empty,
        Connections: a.GetInt("connections") ?? 4,
        PidFile: a.Get("pid-file"));
}

/// <summary>`--key value` pairs of one verb; unknown keys are reported by the verb that reads them.</summary>
public sealed class VerbArguments
{
    private readonly Dictionary<string, string> _values;

    private VerbArguments(Dictionary<string, string> values) => _values = values;

    public static VerbArguments Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value' at '{args[i]}'");
            }
            values[args[i][2..]] = args[++i];
        }
        return new VerbArguments(values);
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public string Require(string key) => Get(key) ?? throw new ArgumentException($"--{key} is required");

    public int? GetInt(string key) => Get(key) is { } v
        ? int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{key} must be a positive whole number, got '{v}'")
        : null;
}
