using System.Globalization;
using System.Reflection;
using ClickVault.Cluster.Shared.Durations;
using Microsoft.Extensions.Configuration;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// A top-level configuration section a process reads. With <see cref="OptionsType"/> the shape check knows its keys
/// and value types; without, the section is free-form here (another reader checks it, e.g. <c>logging</c>).
/// </summary>
public sealed record ConfigurationSectionSchema(string Name, Type? OptionsType = null, bool CheckUnknownKeys = true)
{
    public static ConfigurationSectionSchema Free(string name) => new(name, null, CheckUnknownKeys: false);
}

/// <summary>
/// What the shape check found: a message per unknown key or unreadable value (named by its full key, e.g.
/// <c>backup.poll_interval</c>), those keys, and the configuration without them, which binds without throwing so the
/// options validators can report every other problem in the same pass.
/// </summary>
public sealed record ConfigurationShape(IReadOnlyList<string> Problems, IReadOnlyList<string> FailedKeys, IConfiguration Sanitized)
{
    /// <summary>Durations written as <c>5s</c> or <c>1h30m</c>, by configuration path, in the binder's <c>[d.]hh:mm:ss</c> form.</summary>
    public IReadOnlyDictionary<string, string> DurationForms { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// These problems, then <paramref name="validatorFailures"/> except those about a key already reported here
    /// (its value was dropped, so a validator would only complain about the default that replaced it).
    /// </summary>
    public IReadOnlyList<string> Merge(IEnumerable<string> validatorFailures) =>
    [
        .. Problems,
        .. validatorFailures.Where(f => !FailedKeys.Any(k => f.StartsWith(k, StringComparison.OrdinalIgnoreCase)
            && (f.Length == k.Length || f[k.Length] is ' ' or '.' or ':' or '[' or ','))).Distinct(StringComparer.Ordinal),
    ];
}

/// <summary>
/// Checks configuration against the options records it binds to, before binding: unknown sections (in the file) and
/// keys, and values that cannot become their property's type (durations, numbers, booleans, enums, lists), all at once.
/// Property keys are the <see cref="ConfigurationKeyNameAttribute"/> name or the property name, case-insensitive.
/// </summary>
public static class ConfigurationShapeCheck
{
    public static ConfigurationShape Check(IConfiguration effective, IConfiguration? file, IReadOnlyList<ConfigurationSectionSchema> sections)
    {
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(sections);
        var walk = new Walk();
        if (file is not null)
        {
            var known = string.Join(", ", sections.Select(s => s.Name));
            foreach (var section in file.GetChildren().Where(c => !sections.Any(s => s.Name.Equals(c.Key, StringComparison.OrdinalIgnoreCase))))
            {
                walk.Fail(section.Key, section.Path, $"is not a known section (known: {known})");
            }
        }

        foreach (var schema in sections.Where(s => s.OptionsType is not null))
        {
            var section = effective.GetSection(schema.Name);
            walk.Object(section, schema.OptionsType!, schema.Name, schema.CheckUnknownKeys);
        }

        var failedPaths = walk.FailedPaths;
        var sanitized = new ConfigurationBuilder().AddInMemoryCollection(effective.AsEnumerable()
            .Where(kv => !failedPaths.Any(p => kv.Key.Equals(p, StringComparison.OrdinalIgnoreCase)
                || kv.Key.StartsWith(p + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            .Select(kv => walk.Rewrites.TryGetValue(kv.Key, out var canonical) ? new KeyValuePair<string, string?>(kv.Key, canonical) : kv))
            .Build();
        return new ConfigurationShape(walk.Problems, walk.FailedKeys, sanitized) { DurationForms = walk.Rewrites };
    }

    private sealed class Walk
    {
        public List<string> Problems { get; } = [];

        public List<string> FailedKeys { get; } = [];

        public List<string> FailedPaths { get; } = [];

        public Dictionary<string, string> Rewrites { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Fail(string key, string configPath, string problem)
        {
            Problems.Add($"{key} {problem}");
            FailedKeys.Add(key);
            FailedPaths.Add(configPath);
        }

        public void Object(IConfigurationSection section, Type type, string key, bool checkUnknownKeys)
        {
            var children = section.GetChildren().ToList();
            var properties = Properties(type);
            if (children.Count == 0)
            {
                if (!string.IsNullOrEmpty(section.Value))
                {
                    Fail(key, section.Path, $"must be a mapping of keys ({string.Join(", ", properties.Keys)}), not a single value");
                }

                return;
            }

            foreach (var child in children)
            {
                // Named as documented (snake_case), whatever case the source used (CLICKVAULT_BACKUP__POLL_INTERVAL).
                var known = properties.Keys.FirstOrDefault(k => k.Equals(child.Key, StringComparison.OrdinalIgnoreCase));
                if (known is not null)
                {
                    Value(child, properties[known].PropertyType, $"{key}.{known}", checkUnknownKeys);
                }
                else if (checkUnknownKeys)
                {
                    Fail($"{key}.{child.Key}", child.Path, $"is not a known key (known: {string.Join(", ", properties.Keys)})");
                }
            }
        }

        private void Value(IConfigurationSection section, Type type, string key, bool checkUnknownKeys)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            var children = section.GetChildren().ToList();
            if (type == typeof(string) || type == typeof(Uri) || IsScalar(type))
            {
                if (children.Count > 0)
                {
                    Fail(key, section.Path, "must be a single value, not a list or mapping");
                }
                else if (!string.IsNullOrEmpty(section.Value) && type == typeof(TimeSpan))
                {
                    Duration(section, key);
                }
                else if (!string.IsNullOrEmpty(section.Value) && Scalar(section.Value, type) is { } expected)
                {
                    Fail(key, section.Path, expected);
                }

                return;
            }

            if (DictionaryValueType(type) is { } valueType)
            {
                foreach (var child in children)
                {
                    Value(child, valueType, $"{key}.{child.Key}", checkUnknownKeys);
                }

                return;
            }

            if (ListItemType(type) is { } itemType)
            {
                List(section, children, itemType, key, checkUnknownKeys);
                return;
            }

            Object(section, type, key, checkUnknownKeys);
        }

        private void List(IConfigurationSection section, List<IConfigurationSection> children, Type itemType, string key, bool checkUnknownKeys)
        {
            if (children.Count == 0)
            {
                if (!string.IsNullOrEmpty(section.Value))
                {
                    Fail(key, section.Path, "must be a list (YAML '- item' lines or [a, b]), not a single value");
                }

                return;
            }

            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    Fail(key, section.Path, $"must be a list (YAML '- item' lines or [a, b]), not a mapping (found key '{child.Key}')");
                    return;
                }
            }

            foreach (var child in children)
            {
                Value(child, itemType, $"{key}[{child.Key}]", checkUnknownKeys);
            }
        }

        // The binder reads TimeSpan only as [d.]hh:mm:ss (and a bare "5" as 5 days): the shared parser reads the value and
        // the sanitized configuration carries it in the binder's form.
        private void Duration(IConfigurationSection section, string key)
        {
            if (DurationText.TryParse(section.Value!, DurationSyntax.Configuration, out var value, out var problem))
            {
                Rewrites[section.Path] = value.ToString("c", CultureInfo.InvariantCulture);
            }
            else
            {
                Fail(key, section.Path, $"is invalid: {problem}");
            }
        }

        /// <summary>Null when <paramref name="text"/> converts to <paramref name="type"/>, else what is expected.</summary>
        private static string? Scalar(string text, Type type)
        {
            if (type == typeof(int) || type == typeof(long))
            {
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    && (type == typeof(long) || number is >= int.MinValue and <= int.MaxValue)
                    ? null
                    : $"must be a whole number (got '{text}')";
            }

            if (type == typeof(double))
            {
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : $"must be a number (got '{text}')";
            }

            if (type == typeof(bool))
            {
                return bool.TryParse(text, out _) ? null : $"must be true or false (got '{text}')";
            }

            if (type.IsEnum)
            {
                var names = Enum.GetNames(type);
                return names.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
                    ? null
                    : $"must be one of {string.Join(", ", names.Select(n => n.ToLowerInvariant()))} (got '{text}')";
            }

            return null;
        }

        private static bool IsScalar(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(DateTimeOffset);

        private static Dictionary<string, PropertyInfo> Properties(Type type)
        {
            var properties = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                // Without an attribute the binder matches the property name case-insensitively: show it in lower case.
                properties[property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant()] = property;
            }

            return properties;
        }

        private static Type? ListItemType(Type type)
        {
            if (type.IsArray)
            {
                return type.GetElementType();
            }

            var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return enumerable?.GetGenericArguments()[0];
        }

        private static Type? DictionaryValueType(Type type)
        {
            var candidates = type.GetInterfaces().Append(type);
            var dictionary = candidates.FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>)));
            return dictionary?.GetGenericArguments()[1];
        }
    }
}
