using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Agent.Configuration;

/// <summary>
/// Creates immutable options from configuration with an explicit reader, then runs every registered
/// <see cref="IValidateOptions{TOptions}"/>; throws one <see cref="OptionsValidationException"/> listing every bad key
/// (read errors first; a validator's complaint about a key that could not even be read is dropped as a duplicate).
/// </summary>
internal sealed class SectionOptionsFactory<T>(
    IConfiguration configuration,
    Func<IConfiguration, OptionsRead<T>> read,
    IEnumerable<IValidateOptions<T>> validators) : IOptionsFactory<T>
    where T : class
{
    public T Create(string name)
    {
        var result = read(configuration);
        var failures = new List<string>(result.Errors);
        foreach (var validator in validators)
        {
            var outcome = validator.Validate(name, result.Value);
            if (outcome.Failed)
            {
                failures.AddRange((outcome.Failures ?? [outcome.FailureMessage])
                    .Where(f => !result.FailedKeys.Any(key => f.StartsWith(key + " ", StringComparison.Ordinal))));
            }
        }

        return failures.Count == 0 ? result.Value : throw new OptionsValidationException(name, typeof(T), failures);
    }
}
