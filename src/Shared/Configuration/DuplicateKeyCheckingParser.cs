using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClickVault.Cluster.Shared.Configuration;

/// <summary>
/// Passes YamlDotNet's parsing events through unchanged while tracking where in the document each event is, so a
/// key repeated in one mapping is rejected with its full configuration path (<c>notifications:targets:1:url</c>),
/// line and column before the representation model sees it. Keys compare case-insensitively, as configuration
/// keys do: <c>Url</c> and <c>url</c> in one mapping would otherwise silently overwrite each other.
/// </summary>
internal sealed class DuplicateKeyCheckingParser(IParser inner, string filePath) : IParser
{
    private readonly List<Frame> frames = [];

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        Observe(inner.Current);
        return true;
    }

    private void Observe(ParsingEvent? current)
    {
        switch (current)
        {
            case Scalar or AnchorAlias:
                BeginNode(current);
                EndNode();
                break;
            case MappingStart:
                BeginNode(current);
                frames.Add(new Frame(isMapping: true));
                break;
            case SequenceStart:
                BeginNode(current);
                frames.Add(new Frame(isMapping: false));
                break;
            case MappingEnd or SequenceEnd:
                frames.RemoveAt(frames.Count - 1);
                EndNode();
                break;
            case DocumentStart:
                frames.Clear();
                break;
        }
    }

    private void BeginNode(ParsingEvent node)
    {
        if (frames.Count == 0 || frames[^1] is not { IsMapping: true, ExpectingKey: true } mapping)
        {
            return;
        }

        if (node is not Scalar key)
        {
            mapping.CurrentKey = "?";
            return;
        }

        if (!mapping.Keys.Add(key.Value))
        {
            var path = string.Join(':', frames.Take(frames.Count - 1).Select(f => f.Segment).Append(key.Value));
            throw new YamlConfigurationException(
                filePath,
                key.Start.Line,
                key.Start.Column,
                $"duplicate key '{path}' (configuration keys are case-insensitive; each key may appear once per mapping)");
        }

        mapping.CurrentKey = key.Value;
    }

    private void EndNode()
    {
        if (frames.Count == 0)
        {
            return;
        }

        var parent = frames[^1];
        if (parent.IsMapping)
        {
            parent.ExpectingKey = !parent.ExpectingKey;
        }
        else
        {
            parent.Index++;
        }
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public HashSet<string> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool ExpectingKey { get; set; } = true;

        public string CurrentKey { get; set; } = "";

        public int Index { get; set; }

        public string Segment => IsMapping ? CurrentKey : Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
