using Spectre.Console;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>
/// Builds the <see cref="IAnsiConsole"/> the human renderer writes to, over the host's stdout (never the static
/// <see cref="AnsiConsole"/>). Not a terminal: no colours, no live widgets, and a wide page so tables don't wrap in logs.
/// </summary>
public static class CliConsole
{
    public const int PipeWidth = 240;

    public static IAnsiConsole Create(CliHost host)
    {
        var terminal = host.OutputIsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(host.Out),
            EnvironmentVariables = new Dictionary<string, string>(host.Environment, StringComparer.Ordinal),
        });
        if (!terminal)
        {
            console.Profile.Width = PipeWidth;
        }

        return console;
    }
}
