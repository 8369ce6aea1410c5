using ClickVault.Cluster.Shared.Protocol;
using Microsoft.Extensions.Logging;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>The executor's log events.</summary>
public sealed partial class OperationExecutor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2041, Level = LogLevel.Information, Message = "{Verb} {OperationId} started ({Databases} databases), polling every {Poll}")]
        public static partial void Started(ILogger logger, string verb, string operationId, int databases, TimeSpan poll);

        [LoggerMessage(EventId = 2042, Level = LogLevel.Warning, Message = "cannot measure the tables of {OperationId} (its backup record will have no table figures): {Reason}")]
        public static partial void MeasureFailed(ILogger logger, string operationId, string reason);

        [LoggerMessage(EventId = 2043, Level = LogLevel.Information, Message = "operation {OperationId} is already handled here ({State}): reported, not started again")]
        public static partial void AlreadyHandled(ILogger logger, string operationId, OperationState state);

        [LoggerMessage(EventId = 2044, Level = LogLevel.Information, Message = "operation {OperationId} is already known to ClickHouse ({State}): reported, not started again")]
        public static partial void AlreadyKnown(ILogger logger, string operationId, OperationState state);

        [LoggerMessage(EventId = 2045, Level = LogLevel.Warning, Message = "operation id {OperationId} is already used on this server for {Elsewhere}: refused, not reported as this operation")]
        public static partial void IdTaken(ILogger logger, string operationId, string elsewhere);

        [LoggerMessage(EventId = 2046, Level = LogLevel.Debug, Message = "operation {OperationId} running: {Files} files, {Bytes} bytes")]
        public static partial void Progress(ILogger logger, string operationId, ulong files, ulong bytes);

        [LoggerMessage(EventId = 2047, Level = LogLevel.Information, Message = "operation {OperationId} completed: {Files} files, {Bytes} bytes uncompressed, {Compressed} compressed")]
        public static partial void Completed(ILogger logger, string operationId, ulong files, ulong bytes, ulong compressed);

        [LoggerMessage(EventId = 2048, Level = LogLevel.Warning, Message = "operation {OperationId} ended as {State}: {Error}")]
        public static partial void Failed(ILogger logger, string operationId, OperationState state, string error);

        [LoggerMessage(EventId = 2049, Level = LogLevel.Warning, Message = "cannot read operation {OperationId} from the local ClickHouse: {Reason}")]
        public static partial void FindFailed(ILogger logger, string operationId, string reason);

        [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "cancel of {OperationId} requested; kill issued: {Killed}")]
        public static partial void CancelRequested(ILogger logger, string operationId, bool killed);

        [LoggerMessage(EventId = 2051, Level = LogLevel.Warning, Message = "cannot cancel {OperationId}: {Reason}")]
        public static partial void CancelFailed(ILogger logger, string operationId, string reason);

        [LoggerMessage(EventId = 2052, Level = LogLevel.Error, Message = "watching {OperationId} stopped on an unexpected error")]
        public static partial void WatchCrashed(ILogger logger, string operationId, Exception exception);

        [LoggerMessage(EventId = 2053, Level = LogLevel.Debug, Message = "stopped watching {OperationId}")]
        public static partial void WatchStopped(ILogger logger, string operationId);

        [LoggerMessage(EventId = 2054, Level = LogLevel.Warning,
            Message = "{Verb} {OperationId}: the statement failed and the local ClickHouse cannot be asked whether it runs ({Reason}); watching it")]
        public static partial void StartUnconfirmed(ILogger logger, string verb, string operationId, string reason);
    }
}
