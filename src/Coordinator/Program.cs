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
        IConfigurationRoot? file = null;
        var loading = false;
        try
        {
            commandLine = CoordinatorCommandLine.Parse(args);
            if (commandLine.Help)
            {
                await output.WriteLineAsync(CoordinatorCommandLine.Usage).ConfigureAwait(false);
                return CoordinatorExitCodes.Ok;
            }
            loading = true;
            file = commandLine.ConfigFile is { } path ? ConfigurationFileLoader.Load(path) : null;
        }
        catch (ArgumentException e) when (!loading)
        {
            await error.WriteLineAsync($"clickvault-coordinator: {e.Message}{Environment.NewLine}{CoordinatorCommandLine.Usage}").ConfigureAwait(false);
            return CoordinatorExitCodes.InvalidConfiguration;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or ConfigurationFileException)
        {
            await error.WriteLineAsync($"clickvault-coordinator: {e.Message}").ConfigureAwait(false);
            return CoordinatorExitCodes.InvalidConfiguration;
        }

        var effective = CoordinatorConfiguration.Build(file, environment);
        var problems = CoordinatorConfiguration.Problems(effective, file);
        if (problems.Count > 0)
        {
            await ReportAsync(error, problems, ConfigurationSecrets.Values(effective)).ConfigureAwait(false);
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
            await ReportAsync(error, [.. e.Failures], ConfigurationSecrets.Values(effective)).ConfigureAwait(false);
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
        await error.WriteLineAsync($"clickvault-coordinator: run-once: {result.Message} (exit {result.ExitCode})").ConfigureAwait(false);
        return result.ExitCode;
    }

    private static async Task ReportAsync(TextWriter error, IReadOnlyList<string> problems, IReadOnlyList<string> secrets)
    {
        await error.WriteLineAsync($"clickvault-coordinator: invalid configuration ({problems.Count} problem(s)); nothing was started:").ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("  - " + ConfigurationSecrets.Redact(problem, secrets)).ConfigureAwait(false);
        }
    }
}
