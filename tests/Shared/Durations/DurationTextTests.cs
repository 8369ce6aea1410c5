using ClickVault.Cluster.Shared.Durations;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Durations;

public sealed class DurationTextTests
{
    private static DurationSyntax Syntax(string name) => name switch
    {
        "config" => DurationSyntax.Configuration,
        "wait" => DurationSyntax.Wait,
        _ => DurationSyntax.Age,
    };

    [Theory]
    [InlineData("config", "500ms", 500)]
    [InlineData("config", "5s", 5_000)]
    [InlineData("config", "1.5s", 1_500)]
    [InlineData("config", " 10S ", 10_000)]
    [InlineData("config", "2m", 120_000)]
    [InlineData("config", "1h30m", 5_400_000)]
    [InlineData("config", "1d12h", 129_600_000)]
    [InlineData("config", "2W", 1_209_600_000)]
    [InlineData("config", "0s", 0)]
    [InlineData("config", "00:00:05", 5_000)]
    [InlineData("config", " 1.00:01:00 ", 86_460_000)]
    [InlineData("wait", "30", 30_000)]
    [InlineData("wait", "1.5", 1_500)]
    [InlineData("wait", "500ms", 500)]
    [InlineData("age", "90s", 90_000)]
    [InlineData("age", "26h", 93_600_000)]
    [InlineData("age", "1d12h", 129_600_000)]
    public void Reads_units_compounds_and_spans(string syntax, string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, Syntax(syntax), out var value, out var problem), problem);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("config", "5", "is not a duration; use numbers")]
    [InlineData("config", "five seconds", "is not a duration")]
    [InlineData("config", "s", "is not a duration")]
    [InlineData("config", "5 s", "is not a duration")]
    [InlineData("config", "-5s", "is not a duration")]
    [InlineData("config", "1,5s", "is not a duration")]
    [InlineData("config", "5y", "is not a duration")]
    [InlineData("config", "-00:00:05", "is not a duration")]
    [InlineData("config", "", "is not a duration")]
    [InlineData("config", "1e400s", "is not a duration")]
    [InlineData("config", "99999999999999999999w", "is not a duration")]
    [InlineData("config", "3661d", "out of range; use at least 0 and at most 3660 days")]
    [InlineData("wait", "0", "out of range; use more than 0 and at most 24 hours")]
    [InlineData("wait", "1441m", "out of range")]
    [InlineData("wait", "ms", "is not a duration; use seconds (30) or numbers")]
    [InlineData("age", "12", "is not an age")]
    [InlineData("age", "-1d", "is not an age")]
    [InlineData("age", "0m", "out of range; use at least 1s and at most 3660 days")]
    [InlineData("age", "500ms", "out of range")]
    public void Refuses_with_a_reason_that_quotes_the_text(string syntax, string text, string reason)
    {
        Assert.False(DurationText.TryParse(text, Syntax(syntax), out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(129_600_000, "1d12h")]
    [InlineData(1_209_600_000, "2w")]
    public void Format_reads_back_to_the_same_duration(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, DurationText.Format(value));
        Assert.True(DurationText.TryParse(expected, DurationSyntax.Configuration, out var back, out _));
        Assert.Equal(value, back);
    }
}
