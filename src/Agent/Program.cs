using ClickVault.Cluster.Agent.Configuration;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent;

/// <summary>
/// <c>clickvault-agent [--config FILE]</c>: checks the whole configuration before anything is contacted (exit 2 naming
/// every wrong key), then runs until stopped (exit 0).
/// </summary>
public static class Program
{
    private const string Name = "clickvault-agent";

    public static Task<int> Main(string[] args) =>
        RunAsync(args, ConfigurationEnvironment.Process(), Console.Out, Console.Error, CancellationToken.None);

    /// <summary>The whole process with its environment and output injected (tests run it in-process).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AgentCommandLine commandLine;
        try
        {
            commandLine = AgentCommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{Name}: {e.Message}{Environment.NewLine}{AgentCommandLine.Usage}").ConfigureAwait(false);
            return 2;
        }

        if (commandLine.Help)
        {
            await output.WriteLineAsync(AgentCommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        if (await ConfigurationStartup.LoadAsync(Name, commandLine.ConfigFile, f => AgentConfiguration.Build(f, environment), AgentConfiguration.Problems, error)
                .ConfigureAwait(false) is not { Effective: var configuration })
        {
            return 2;
        }

        using var host = AgentHostBuilder.Build(configuration, services => services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);
            logging.AddConfiguration(configuration.GetSection("logging"));
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }));
        try
        {
            // Every options type at once, before anything is contacted (the host would log a stack trace instead).
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (ConfigurationProblems(e) is { Count: > 0 } failures)
        {
            await ConfigurationStartup.ReportAsync(Name, failures, configuration, error).ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Every failure of the start-up validation, from one or several options types.</summary>
    internal static IReadOnlyList<string> ConfigurationProblems(Exception e) => e switch
    {
        OptionsValidationException v => v.Failures.ToArray(),
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) =>
            a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures).ToArray(),
        InvalidOperationException i when i.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [i.Message],
        _ => [],
    };
}
