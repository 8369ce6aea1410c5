using ClickVault.Cluster.Shared.Sql;
using Xunit;

namespace ClickVault.Cluster.Shared.Tests.Sql;

public sealed class SqlSettingTests
{
    [Theory]
    [InlineData("structure_only")]
    [InlineData("_x")]
    [InlineData("S3_max_connections2")]
    [InlineData("a")]
    public void Valid_names_are_accepted(string name)
    {
        Assert.True(SqlSetting.IsValidName(name));
        Assert.Equal(name, new SqlSetting(name, 1).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2fast")]
    [InlineData("with space")]
    [InlineData("dash-name")]
    [InlineData("dotted.name")]
    [InlineData("id = 'x', base_backup")]
    [InlineData("naïve")]
    [InlineData("name\n")]
    public void Invalid_names_are_rejected_with_the_name_in_the_message(string name)
    {
        Assert.False(SqlSetting.IsValidName(name));

        var error = Assert.Throws<InvalidSqlSettingException>(() => new SqlSetting(name, true));

        Assert.Equal(name, error.SettingName);
        Assert.Equal("name", error.ParamName);
        Assert.Contains("^[A-Za-z_][A-Za-z0-9_]*$", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    public static TheoryData<SettingValue, string> Values => new()
    {
        { "zstd", "level = 'zstd'" },
        { "it's \\ here", "level = 'it\\'s \\\\ here'" },
        { 3, "level = 3" },
        { -1L, "level = -1" },
        { long.MaxValue, "level = 9223372036854775807" },
        { true, "level = true" },
        { false, "level = false" },
        { new StringSettingValue(""), "level = ''" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Values_render_by_type(SettingValue value, string expected)
    {
        var setting = new SqlSetting("level", value);

        Assert.Equal(expected, setting.Render(redacted: false));
        Assert.Equal(expected, setting.ToString());
    }

    [Fact]
    public void Secret_values_are_hidden_except_in_executable_sql()
    {
        var setting = new SqlSetting("password", new SecretSettingValue("p@ss'w0rd"));

        Assert.Equal("password = 'p@ss\\'w0rd'", setting.Render(redacted: false));
        Assert.Equal("password = '[HIDDEN]'", setting.ToString());
        Assert.Equal("'[HIDDEN]'", setting.Value.ToString());
        Assert.DoesNotContain("p@ss", $"{setting} {setting.Value}", StringComparison.Ordinal);
    }

    [Fact]
    public void Null_values_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new SqlSetting("x", null!));
        Assert.Throws<ArgumentNullException>(() => new StringSettingValue(null!));
        Assert.Throws<ArgumentNullException>(() => new SecretSettingValue(null!));
    }
}
