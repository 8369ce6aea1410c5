using System.Text;
using ClickVault.Cluster.Shared.Catalog;
using ClickVault.Cluster.Shared.Protocol;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Catalog;

public sealed class NativeBackupContentsTests
{
    // Shapes copied from .backup files ClickHouse 26.5 wrote (a full and an incremental whose parts come from its base).
    private const string Incremental = """
        <config><version>1</version><deduplicate_files>1</deduplicate_files><timestamp>2026-12-02 04:49:56</timestamp>
        <uuid>c61afafa-c752-44f9-bf5c-4a0039540aac</uuid><base_backup>Disk('backups', 't/full')</base_backup><contents>
        <file><name>data/demo/events/all_1_1_0/checksums.txt</name><size>265</size><checksum>fe2deee292ddf1d9c995c7acecf03e29</checksum><use_base>true</use_base></file>
        <file><name>data/demo/events/all_1_1_0/data.bin</name><size>872531</size><checksum>9a4ee66b8b8307b9cc2050705079a7e9</checksum><use_base>true</use_base></file>
        <file><name>data/demo/events/all_3_3_0/checksums.txt</name><size>260</size><checksum>64189b98f1f74addcff889288a03a07d</checksum></file>
        <file><name>data/demo/events/all_3_3_0/columns.txt</name><size>60</size><checksum>4faeca5708159d3a7013d7554517256f</checksum><use_base>true</use_base></file>
        <file><name>data/odd%2Ddb/we%20ird%2Dn%C3%A4me/all_1_1_0/checksums.txt</name><size>259</size><checksum>706abdfa10b5e984b95efe708c1f09d9</checksum></file>
        <file><name>data/odd%2Ddb/lg/a.bin</name><size>27</size><checksum>cf37c175a3b724529ebb8d453a435687</checksum></file>
        <file><name>metadata/demo/events.sql</name><size>120</size><checksum>00</checksum></file>
        </contents></config>
        """;

    [Fact]
    public void Parts_are_listed_per_table_with_names_unescaped_and_files_outside_parts_ignored()
    {
        var contents = Parse(Incremental);

        Assert.Equal(["all_1_1_0", "all_3_3_0"], contents.PartsOf(new TableRef("demo", "events")).Order());
        Assert.Equal(["all_1_1_0"], contents.PartsOf(new TableRef("odd-db", "we ird-näme")));
        Assert.Empty(contents.PartsOf(new TableRef("odd-db", "lg")));
        Assert.Empty(contents.PartsOf(new TableRef("demo", "missing")));
        Assert.Equal(2, contents.Tables.Count);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<other/>")]
    [InlineData("<config><contents><file><name>data/a")]
    public void A_document_that_is_not_a_backup_file_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => Parse(text));
    }

    [Theory]
    [InlineData("plain_name", "plain_name")]
    [InlineData("odd%2Ddb", "odd-db")]
    [InlineData("n%C3%A4me", "näme")]
    [InlineData("100%", "100%")]
    public void Names_are_unescaped_as_clickhouse_escapes_file_names(string escaped, string name)
    {
        Assert.Equal(name, NativeBackupContents.Unescape(escaped));
    }

    private static NativeBackupContents Parse(string text) => NativeBackupContents.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
