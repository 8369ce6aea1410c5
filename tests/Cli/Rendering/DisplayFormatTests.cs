using ClickVault.Cluster.Cli.Rendering;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Rendering;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData(0UL, "0 B")]
    [InlineData(1023UL, "1023 B")]
    [InlineData(1024UL, "1.0 KiB")]
    [InlineData(1536UL, "1.5 KiB")]
    [InlineData(12UL << 30, "12.0 GiB")]
    [InlineData(ulong.MaxValue, "16.0 EiB")]
    public void Bytes_are_human_readable(ulong bytes, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Bytes(bytes));
    }

    [Theory]
    [InlineData(850, "850ms")]
    [InlineData(42_000, "42s")]
    [InlineData(185_000, "3m 05s")]
    [InlineData(7_380_000, "2h 03m")]
    [InlineData(273_600_000, "3d 04h")]
    [InlineData(-5_000, "0ms")]
    public void Durations_read_at_a_glance(long milliseconds, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Missing_values_show_a_dash()
    {
        Assert.Equal("-", DisplayFormat.Text(null));
        Assert.Equal("-", DisplayFormat.Percent(null));
        Assert.Equal("-", DisplayFormat.Duration(DateTimeOffset.UnixEpoch, null));
        Assert.Equal("-", DisplayFormat.Timestamp(null));
    }

    [Fact]
    public void Shards_sort_numerically_when_they_are_numbers()
    {
        string[] shards = ["10", "b", "2", "a", "1", "01"];

        Assert.Equal(["01", "1", "2", "10", "a", "b"], shards.Order(ShardOrder.Instance));
    }
}
