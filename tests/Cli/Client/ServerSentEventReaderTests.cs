using ClickVault.Cluster.Cli.Client;
using Xunit;

namespace ClickVault.Cluster.Cli.Tests.Client;

public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task Reads_named_events_skipping_comments_and_unknown_fields()
    {
        var events = await ReadAsync(": keep-alive\n\nevent: run\nid: 7\ndata: {\"a\":1}\n\nevent:end\ndata:{}\n\n");

        Assert.Equal([new ServerSentEvent("run", "{\"a\":1}"), new ServerSentEvent("end", "{}")], events);
    }

    [Fact]
    public async Task Joins_data_lines_and_defaults_the_name_to_message()
    {
        var events = await ReadAsync("data: one\r\ndata: two\r\n\r\n");

        Assert.Equal([new ServerSentEvent("message", "one\ntwo")], events);
    }

    [Fact]
    public async Task Drops_an_event_cut_off_before_its_blank_line()
    {
        var events = await ReadAsync("event: run\ndata: 1\n\nevent: end\ndata: 2\n");

        Assert.Equal([new ServerSentEvent("run", "1")], events);
    }

    private static async Task<List<ServerSentEvent>> ReadAsync(string text)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var sse in ServerSentEventReader.ReadAsync(new StringReader(text), CancellationToken.None))
        {
            events.Add(sse);
        }

        return events;
    }
}
