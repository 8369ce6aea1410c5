using ClickVault.Cluster.Shared.Api;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>How list and describe show a backup's last verified restore.</summary>
public static class VerifiedText
{
    /// <summary><c>passed 2026-01-01 02:10:00Z</c>, <c>FAILED ...</c>, or the missing marker when never verified.</summary>
    public static string Short(LastVerifiedView? verified) =>
        verified is null ? DisplayFormat.Missing : $"{(verified.Passed ? "passed" : "FAILED")} {DisplayFormat.Timestamp(verified.At)}";

    /// <summary>The short form, then the replica and the summary.</summary>
    public static string? Long(LastVerifiedView? verified) =>
        verified is null ? null : $"{Short(verified)} on {verified.Replica}: {verified.Summary}";
}
