using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Every problem of a process's configuration, found without contacting anything: the shape check
/// (<see cref="ConfigurationShapeCheck"/>), then the process's own options validators, run by registering its services
/// on the sanitized configuration and calling the start-up validation the host would run. A process and
/// <c>clickvault config validate</c> both call this, so they report the same problems.
/// </summary>
public static class ConfigurationCheck
{
    /// <param name="effective">The file with the environment overrides applied.</param>
    /// <param name="file">The file alone (its top-level sections are checked), or null when there is none.</param>
    /// <param name="sections">The sections the process reads.</param>
    /// <param name="register">Registers the process's services (options, validators) on a configuration.</param>
    public static IReadOnlyList<string> Problems(
        IConfiguration effective,
        IConfiguration? file,
        IReadOnlyList<ConfigurationSectionSchema> sections,
        Action<IServiceCollection, IConfiguration> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var shape = ConfigurationShapeCheck.Check(effective, file, sections);
        var services = new ServiceCollection();
        services.AddLogging();
        register(services, shape.Sanitized);
        using var provider = services.BuildServiceProvider();
        return shape.Merge(StartupFailures(provider));
    }

    /// <summary>The failures of every options type registered with <c>ValidateOnStart</c>.</summary>
    public static IReadOnlyList<string> StartupFailures(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e)
        {
            return [.. e.InnerExceptions.SelectMany(i => i is OptionsValidationException v ? v.Failures : [i.Message])];
        }
        catch (InvalidOperationException e)
        {
            // A value the binder cannot convert that the shape check did not know about.
            return [e.Message];
        }
    }
}
