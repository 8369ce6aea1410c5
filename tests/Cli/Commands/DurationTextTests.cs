using ClickVault.Cluster.Cli.Commands;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Commands;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData(" 10S ", 10_000)]
    public void Parses_seconds_and_units(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration, out var problem), problem);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("", "is not a duration")]
    [InlineData("ms", "is not a duration")]
    [InlineData("1h", "is not a duration")]
    [InlineData("1,5", "is not a duration")]
    [InlineData("0", "out of range")]
    [InlineData("1441m", "out of range")]
    public void Rejects_with_a_reason(string text, string reason)
    {
        Assert.False(DurationText.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
