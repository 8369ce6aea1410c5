using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// The last configuration source of a process: every duration the sources below it hold as <c>5s</c> or <c>1h30m</c>
/// again in the <c>[d.]hh:mm:ss</c> form the options binder reads (it has no hook for TimeSpan short of a process-wide
/// TypeConverter). Values that are not durations are left for the shape check to report.
/// </summary>
public sealed class DurationFormSource(IReadOnlyList<ConfigurationSectionSchema> sections) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var forms = ConfigurationShapeCheck.Check(Below(builder), null, sections).DurationForms;
        return new MemoryConfigurationProvider(new MemoryConfigurationSource
        {
            InitialData = forms.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)).ToList(),
        });
    }

    // A ConfigurationManager (the web host's) already holds the sources below as providers: read it instead of
    // building them, and so reading their files, a second time.
    private IConfiguration Below(IConfigurationBuilder builder)
    {
        if (builder is IConfiguration built)
        {
            return built;
        }

        var below = new ConfigurationBuilder();
        foreach (var source in builder.Sources.TakeWhile(s => !ReferenceEquals(s, this)))
        {
            below.Add(source);
        }
        return below.Build();
    }
}
