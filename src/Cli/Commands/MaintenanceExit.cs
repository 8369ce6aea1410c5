using ClickVault.Cluster.Cli.Errors;

namespace ClickVault.Cluster.Cli.Commands;

/// <summary>How a maintenance verb ends once its report is rendered: exit 0, or the failure explained on stderr and its code.</summary>
internal static class MaintenanceExit
{
    public static int From(CommandSession session, CliFailure? failure)
    {
        if (failure is null)
        {
            return ExitCodes.Ok;
        }
        session.Explain(failure);
        return failure.ExitCode;
    }
}
