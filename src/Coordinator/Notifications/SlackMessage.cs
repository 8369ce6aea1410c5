using System.Text.Json.Serialization;

namespace ClickVault.Cluster.Coordinator.Notifications;

/// <summary>The JSON body Slack's incoming webhooks take.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock> Blocks);

/// <summary>One Block Kit block: header, section (text or fields) or context.</summary>
public sealed record SlackBlock(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlackText? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SlackText>? Fields = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SlackText>? Elements = null)
{
    public static SlackBlock Header(string text) => new("header", new SlackText("plain_text", text, Emoji: true));

    public static SlackBlock Section(string mrkdwn) => new("section", SlackText.Markdown(mrkdwn));

    public static SlackBlock WithFields(params string[] mrkdwn) => new("section", Fields: [.. mrkdwn.Select(SlackText.Markdown)]);

    public static SlackBlock Context(string mrkdwn) => new("context", Elements: [SlackText.Markdown(mrkdwn)]);
}

/// <summary>A text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
public sealed record SlackText(
    string Type,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Emoji = null)
{
    public static SlackText Markdown(string text) => new("mrkdwn", text);
}
