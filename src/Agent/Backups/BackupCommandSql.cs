using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Protocol;
using ClickVault.Cluster.Shared.Sql;

namespace ClickVault.Cluster.Agent.Backups;

/// <summary>A backup statement ready to run, with the values that must be masked wherever it or its errors are shown.</summary>
public sealed record RenderedBackup(SqlStatement Statement, IReadOnlyList<string> Secrets);

/// <summary>
/// Turns a <see cref="BackupCommand"/> into <c>BACKUP DATABASE ... TO ... SETTINGS id = ... ASYNC</c> with the agent's own
/// destination settings: a Disk spec becomes <c>Disk('{spec.disk ?? destination.disk}', '{key}')</c>, an S3 spec becomes
/// <c>S3('{s3_endpoint}/{s3_bucket}/{key}', access, secret)</c>. Shared by the real engine and its in-memory twin so both
/// refuse the same requests with the same words.
/// </summary>
public static class BackupCommandSql
{
    /// <exception cref="BackupRefusedException">The command cannot become a valid statement on this agent.</exception>
    public static RenderedBackup Render(BackupCommand command, DestinationOptions destination)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(destination);
        try
        {
            var request = new BackupRequest
            {
                Id = command.Id.Value,
                Destination = Resolve(command.Id, command.Destination, destination, "destination"),
                BaseBackup = command.BaseBackup is null ? null : Resolve(command.Id, command.BaseBackup, destination, "base backup"),
                Databases = command.Databases.Select((name, i) => new DatabaseTarget(SqlIdentifier.Create(name, $"databases[{i}]"))).ToList(),
                Async = true,
            };
            return new RenderedBackup(
                BackupSqlBuilder.Backup(command.IncludeAccessEntities ? AccessEntities.Including(request) : request),
                Secrets(destination, command.Destination, command.BaseBackup));
        }
        catch (ArgumentException e)
        {
            throw new BackupRefusedException(command.Id, $"the agent refused backup {command.Id}: {e.Message}", e);
        }
    }

    /// <summary>The values to mask in errors about a statement that reads or writes <paramref name="specs"/>.</summary>
    internal static IReadOnlyList<string> Secrets(DestinationOptions options, params DestinationSpec?[] specs) =>
        specs.Any(s => s?.Kind == DestinationKind.S3) ? [options.S3SecretKey!, options.S3AccessKey!] : [];

    /// <summary>The spec as a destination expression of this agent; <paramref name="verb"/> (backup, restore) names the refusal.</summary>
    internal static BackupDestination Resolve(OperationId id, DestinationSpec spec, DestinationOptions options, string role, string verb = "backup") => spec.Kind switch
    {
        DestinationKind.Disk => new DiskBackupDestination(spec.Disk ?? options.Disk, spec.Key),
        DestinationKind.S3 when options.HasS3 => new S3BackupDestination(S3Url(options, spec.Key), options.S3AccessKey!, options.S3SecretKey!),
        DestinationKind.S3 => throw new BackupRefusedException(id,
            $"the agent refused {verb} {id}: its {role} is on S3 but this agent has no S3 settings " +
            "(destination.s3_endpoint, destination.s3_bucket, destination.s3_access_key, destination.s3_secret_key)"),
        _ => throw new BackupRefusedException(id, $"the agent refused {verb} {id}: unknown {role} kind {spec.Kind}"),
    };

    /// <summary>
    /// <paramref name="serverName"/> (system.backups' name of the operation <paramref name="id"/>) with this agent's credentials masked, when it
    /// is not <paramref name="location"/>; null when it is, or when the spec cannot be resolved here (starting it would then be refused anyway).
    /// </summary>
    internal static string? Elsewhere(OperationId id, string serverName, DestinationSpec location, DestinationOptions options)
    {
        BackupDestination expected;
        try
        {
            expected = Resolve(id, location, options, "destination");
        }
        catch (Exception e) when (e is BackupRefusedException or ArgumentException)
        {
            return null;
        }

        return !expected.IsElsewhere(serverName)
            ? null
            : Secrets(options, location).Where(s => s.Length > 0).Aggregate(serverName, (name, secret) => name.Replace(secret, "[HIDDEN]", StringComparison.Ordinal));
    }

    private static Uri S3Url(DestinationOptions options, string key) =>
        new($"{options.S3Endpoint!.AbsoluteUri.TrimEnd('/')}/{options.S3Bucket}/{key.TrimStart('/')}");
}
