using ClickVault.Cluster.Agent.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent;

/// <summary><c>clickvault-agent [--config FILE.json]</c>: exit 0 after a graceful stop, 2 on bad arguments or configuration.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        IConfiguration configuration;
        try
        {
            var commandLine = AgentCommandLine.Parse(args);
            if (commandLine.Help)
            {
                await Console.Out.WriteLineAsync(AgentCommandLine.Usage).ConfigureAwait(false);
                return 0;
            }

            configuration = AgentConfiguration.Build(commandLine.ConfigFile, AgentConfiguration.ProcessEnvironment());
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"clickvault-agent: {e.Message}{Environment.NewLine}{AgentCommandLine.Usage}").ConfigureAwait(false);
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
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (ConfigurationProblems(e) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("clickvault-agent: invalid configuration:").ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("  - " + problem).ConfigureAwait(false);
            }

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
