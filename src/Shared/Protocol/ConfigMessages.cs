using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Shared.Protocol;

/// <summary>
/// Coordinator → agent: send the ClickHouse configuration directory the agent is pointed at, for the backup
/// <see cref="OperationId"/>. The agent answers with one <see cref="ConfigFileContent"/> per file, then
/// <see cref="ConfigCollected"/>; it never reads outside that directory (symlinks that lead out are refused).
/// </summary>
public sealed record CollectConfig([property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId) : ProtocolMessage;

/// <summary>Agent → coordinator: one configuration file; <see cref="Path"/> is relative to the collected directory.</summary>
public sealed record ConfigFileContent(
    [property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId,
    string Path,
    byte[] Content,
    string Sha256) : ProtocolMessage;

/// <summary>
/// Agent → coordinator: the collection of <see cref="OperationId"/> is complete: what was sent, what was refused and
/// why; <see cref="Error"/> when the directory could not be read at all.
/// </summary>
public sealed record ConfigCollected(
    [property: JsonConverter(typeof(OperationIdJsonConverter))] OperationId OperationId,
    string Directory,
    IReadOnlyList<ConfigFileEntry> Files,
    IReadOnlyList<RefusedConfigEntry> Refused,
    string? Error) : ProtocolMessage;

/// <summary>A collected configuration file: relative path, size in bytes, lowercase hex SHA-256 of the content.</summary>
public sealed record ConfigFileEntry(string Path, long Size, string Sha256);

/// <summary>A directory entry that was not collected and why (outside the directory, too large, not a regular file ...).</summary>
public sealed record RefusedConfigEntry(string Path, string Reason);
