using Microsoft.Extensions.Options;

namespace ClickVault.Cluster.Coordinator.Retention;

/// <summary>Names every wrong key of the <c>retention</c> section (the rules of <see cref="RetentionPolicy.Validate"/>).</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Policy.Validate(RetentionOptions.Section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
