using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.ConfigFiles;

/// <summary>
/// Answers the coordinator's <see cref="CollectConfig"/>: reads the configuration directory and returns the messages to
/// send, in order: one <see cref="ConfigFileContent"/> per file, then <see cref="ConfigCollected"/>. The contents never
/// reach a log.
/// </summary>
public sealed partial class ConfigCollector(ConfigBackupOptions options, ILogger<ConfigCollector> logger)
{
    public async Task<IReadOnlyList<ProtocolMessage>> CollectAsync(CollectConfig request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var collection = await ConfigDirectoryReader.ReadAsync(options, cancellationToken).ConfigureAwait(false);
        if (collection.Error is { } error)
        {
            Log.Failed(logger, request.OperationId.Value, error);
        }
        else
        {
            Log.Collected(logger, request.OperationId.Value, collection.Directory, collection.Files.Count, collection.Files.Sum(f => (long)f.Content.Length),
                collection.Refused.Count);
        }
        foreach (var refused in collection.Refused)
        {
            Log.Refused(logger, refused.Path, refused.Reason);
        }
        var messages = new List<ProtocolMessage>(collection.Files.Count + 1);
        messages.AddRange(collection.Files.Select(f => new ConfigFileContent(request.OperationId, f.Path, f.Content, f.Sha256)));
        messages.Add(new ConfigCollected(
            request.OperationId, collection.Directory,
            [.. collection.Files.Select(f => new ConfigFileEntry(f.Path, f.Content.Length, f.Sha256))], collection.Refused, collection.Error));
        return messages;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2061, Level = LogLevel.Information, Message = "config for {Operation}: {Files} file(s), {Bytes} bytes from {Directory}; {Refused} entr(y/ies) refused")]
        public static partial void Collected(ILogger logger, string operation, string directory, int files, long bytes, int refused);

        [LoggerMessage(EventId = 2062, Level = LogLevel.Warning, Message = "config for {Operation} not collected: {Error}")]
        public static partial void Failed(ILogger logger, string operation, string error);

        [LoggerMessage(EventId = 2063, Level = LogLevel.Warning, Message = "config entry {Path} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string path, string reason);
    }
}
