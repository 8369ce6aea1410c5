using ClickVault.Cluster.Agent.Transport;
using Xunit;

namespace ClickVault.Cluster.Agent.Tests.Transport;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void Delays_grow_exponentially_with_full_jitter_between_the_minimum_and_the_capped_ceiling()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(42));

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var ceiling = TimeSpan.FromTicks(Math.Min(Max.Ticks, Min.Ticks * (long)Math.Pow(2, Math.Min(attempt, 20))));
            for (var i = 0; i < 50; i++)
            {
                var delay = backoff.Delay(attempt);
                Assert.InRange(delay, Min, ceiling);
            }
        }
    }

    [Fact]
    public void The_first_attempt_waits_the_minimum_and_late_attempts_spread_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(Min, Max, new Random(7));

        Assert.Equal(Min, backoff.Delay(0));
        var late = Enumerable.Range(0, 200).Select(_ => backoff.Delay(10)).ToList();
        Assert.True(late.Max() > TimeSpan.FromSeconds(25), "jitter should reach near the maximum");
        Assert.True(late.Min() < TimeSpan.FromSeconds(6), "jitter should reach near the minimum");
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var a = new ReconnectBackoff(Min, Max, new Random(3));
        var b = new ReconnectBackoff(Min, Max, new Random(3));

        Assert.Equal(Enumerable.Range(0, 10).Select(a.Delay), Enumerable.Range(0, 10).Select(b.Delay));
    }
}
