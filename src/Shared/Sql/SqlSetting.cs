namespace ClickVault.Cluster.Shared.Sql;

/// <summary>One <c>name = value</c> entry of a <c>SETTINGS</c> clause; <see cref="ToString"/> is redacted.</summary>
public sealed record SqlSetting
{
    /// <exception cref="InvalidSqlSettingException"><paramref name="name"/> does not match <c>^[A-Za-z_][A-Za-z0-9_]*$</c>.</exception>
    public SqlSetting(string name, SettingValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = IsValidName(name)
            ? name
            : throw new InvalidSqlSettingException(name, "a setting name must match ^[A-Za-z_][A-Za-z0-9_]*$", nameof(name));
        Value = value;
    }

    public string Name { get; }

    public SettingValue Value { get; }

    /// <summary>True when <paramref name="name"/> matches <c>^[A-Za-z_][A-Za-z0-9_]*$</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public override string ToString() => Render(redacted: true);

    internal string Render(bool redacted) => $"{Name} = {Value.Render(redacted)}";
}
