using System.Text.Json.Serialization;
using ClickVault.Cluster.Coordinator.Journal;
using ClickVault.Cluster.Shared.Storage;
using Xunit;

namespace ClickVault.Cluster.Coordinator.Tests.Journal;

public sealed class JournalDocumentTests
{
    private readonly InMemoryObjectStore _store = new();

    [Fact]
    public async Task A_document_is_written_read_back_and_cleared()
    {
        var document = new JournalDocument<Mark>(_store, "c/journal/mark.json", JournalTestJson.Default.Mark, "mark");

        var missing = await document.ReadAsync(default);
        await document.WriteAsync(new Mark("a", 3), default);
        var read = await document.ReadAsync(default);
        await document.ClearAsync(default);

        Assert.Null(missing);
        Assert.Equal(new Mark("a", 3), read);
        Assert.Null(await document.ReadAsync(default));
        Assert.Equal("application/json", (await WrittenAsync(document)).ContentType);
    }

    [Theory]
    [InlineData("{\"name\":", "mark 'c/journal/mark.json' is unreadable: ")]
    [InlineData("null", "mark 'c/journal/mark.json' is unreadable: document is JSON null")]
    public async Task An_unreadable_document_is_named_by_its_label_and_key(string content, string expected)
    {
        var document = new JournalDocument<Mark>(_store, "c/journal/mark.json", JournalTestJson.Default.Mark, "mark");
        await _store.PutAsync(document.Key, System.Text.Encoding.UTF8.GetBytes(content), null, default);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => document.ReadAsync(default));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    private async Task<ObjectContent> WrittenAsync(JournalDocument<Mark> document)
    {
        await document.WriteAsync(new Mark("b", 1), default);
        return await _store.GetAsync(document.Key, default);
    }
}

public sealed record Mark(string Name, int Count);

[JsonSerializable(typeof(Mark))]
internal sealed partial class JournalTestJson : JsonSerializerContext;
