using ClickVault.Cluster.Coordinator;
using ClickVault.Cluster.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

// clickvault-coordinator [--config FILE.json|FILE.yaml]: settings from the file, CLICKVAULT_* environment variables win.
var configFile = args.SkipWhile(a => a != "--config").Skip(1).FirstOrDefault();
if (configFile is not null && !File.Exists(configFile))
{
    await Console.Error.WriteLineAsync($"error: --config: file '{configFile}' does not exist");
    return 2;
}
try
{
    await using var app = CoordinatorHost.Build(
        [.. args.Where((a, i) => a != "--config" && (i == 0 || args[i - 1] != "--config"))],
        c =>
        {
            if (configFile is not null)
            {
                ConfigurationFiles.Add(c, configFile);
            }
        });
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"config error: {failure}");
    }
    return 2;
}
catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"config error: {e.Message}");
    return 2;
}
