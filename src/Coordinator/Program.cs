using ClickVault.Cluster.Coordinator.Configuration;
using ClickVault.Cluster.Coordinator.RunOnce;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator;

/// <summary>
/// <c>clickvault-coordinator [--config FILE] [--run-once [--full] [--shard N]...]</c>: checks the whole configuration
/// before anything is opened (no socket, no S3, exit 2 naming every wrong key), then serves until stopped, or runs
/// one cluster run and exits with its outcome (<see cref="CoordinatorExitCodes"/>).
/// </summary>
public static class Program
{
    private const string Name = "clickvault-coordinator";

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
        CoordinatorCommandLine commandLine;
        try
        {
            commandLine = CoordinatorCommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{Name}: {e.Message}{Environment.NewLine}{CoordinatorCommandLine.Usage}").ConfigureAwait(false);
            return CoordinatorExitCodes.InvalidConfiguration;
        }

        if (commandLine.Help)
        {
            await output.WriteLineAsync(CoordinatorCommandLine.Usage).ConfigureAwait(false);
            return CoordinatorExitCodes.Ok;
        }

        if (await ConfigurationStartup.LoadAsync(Name, commandLine.ConfigFile, f => CoordinatorConfiguration.Build(f, environment), CoordinatorConfiguration.Problems, error)
                .ConfigureAwait(false) is not { File: var file, Effective: var effective })
        {
            return CoordinatorExitCodes.InvalidConfiguration;
        }

        await using var app = CoordinatorHost.Build(
            [],
            c =>
            {
                if (file is not null)
                {
                    c.AddConfiguration(file);
                }
            },
            environment,
            services =>
            {
                if (commandLine.RunOnce)
                {
                    services.AddSingleton(new RunOnceMode());
                }
            });
        try
        {
            if (!commandLine.RunOnce)
            {
                await ((IHost)app).RunAsync(cancellationToken).ConfigureAwait(false);
                return CoordinatorExitCodes.Ok;
            }
            return await RunOnceAsync(app, new RunOnceRequest(commandLine.Full, commandLine.Shards), error, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await ConfigurationStartup.ReportAsync(Name, [.. e.Failures], effective, error).ConfigureAwait(false);
            return CoordinatorExitCodes.InvalidConfiguration;
        }
    }

    private static async Task<int> RunOnceAsync(WebApplication app, RunOnceRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        RunOnceResult result;
        try
        {
            result = await app.Services.GetRequiredService<RunOnceUseCase>().ExecuteAsync(request, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            result = new RunOnceResult(CoordinatorExitCodes.Interrupted, "interrupted before the run ended; the next start resumes it from the journal", null);
        }
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await error.WriteLineAsync($"{Name}: run-once: {result.Message} (exit {result.ExitCode})").ConfigureAwait(false);
        return result.ExitCode;
    }
}
