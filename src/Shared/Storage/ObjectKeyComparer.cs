namespace ClickVault.Cluster.Shared.Storage;

/// <summary>
/// S3 lists keys in UTF-8 byte order, which is Unicode code point order. Ordinal UTF-16 comparison
/// agrees except between surrogates (U+10000 and above) and U+E000..U+FFFF, which this comparer fixes.
/// </summary>
public sealed class ObjectKeyComparer : IComparer<string>
{
    public static ObjectKeyComparer Instance { get; } = new();

    private ObjectKeyComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return CodePointRank(x[common]).CompareTo(CodePointRank(y[common]));
    }

    private static int CodePointRank(char c) => c switch
    {
        < '\uD800' => c,
        >= '\uE000' => c - 0x800,
        _ => c + 0x2000,
    };
}
