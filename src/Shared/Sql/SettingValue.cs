using System.Globalization;

namespace ClickVault.Cluster.Shared.Sql;

/// <summary>
/// A typed value of a <c>SETTINGS</c> entry. Closed hierarchy: <see cref="StringSettingValue"/>,
/// <see cref="SecretSettingValue"/>, <see cref="IntegerSettingValue"/>, <see cref="BooleanSettingValue"/>.
/// <see cref="ToString"/> is the redacted SQL rendering.
/// </summary>
public abstract record SettingValue
{
    private protected SettingValue()
    {
    }

    public static implicit operator SettingValue(string value) => new StringSettingValue(value);

    public static implicit operator SettingValue(long value) => new IntegerSettingValue(value);

    public static implicit operator SettingValue(bool value) => new BooleanSettingValue(value);

    public sealed override string ToString() => Render(redacted: true);

    internal abstract string Render(bool redacted);
}

/// <summary>Renders as a quoted string literal: <c>'value'</c>.</summary>
public sealed record StringSettingValue(string Value) : SettingValue
{
    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    internal override string Render(bool redacted) => SqlLiteral.Quote(Value);
}

/// <summary>A string literal that is a credential (e.g. a backup archive <c>password</c>): hidden in redacted SQL.</summary>
public sealed record SecretSettingValue(string Value) : SettingValue
{
    internal const string Hidden = "'[HIDDEN]'";

    public string Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    internal override string Render(bool redacted) => redacted ? Hidden : SqlLiteral.Quote(Value);
}

/// <summary>Renders as a decimal integer literal: <c>42</c>, <c>-1</c>.</summary>
public sealed record IntegerSettingValue(long Value) : SettingValue
{
    internal override string Render(bool redacted) => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Renders as <c>true</c> / <c>false</c>, the Bool literals ClickHouse accepts for backup settings.</summary>
public sealed record BooleanSettingValue(bool Value) : SettingValue
{
    internal override string Render(bool redacted) => Value ? "true" : "false";
}
