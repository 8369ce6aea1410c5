using Spectre.Console;
using Spectre.Console.Rendering;

namespace ClickVault.Cluster.Cli.Rendering;

/// <summary>The live progress column with each shard's state text ("running 1,204 files 1.2 GiB", "failed: ...").</summary>
public sealed class ShardStateColumn : ProgressColumn
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, (string Text, Style Style)> states = [];

    public void Set(ProgressTask task, string text, Style style)
    {
        lock (gate)
        {
            states[task.Id] = (text, style);
        }
    }

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        lock (gate)
        {
            return states.TryGetValue(task.Id, out var state) ? new Text(state.Text, state.Style) : Text.Empty;
        }
    }
}
