using System.Globalization;
using System.Text.RegularExpressions;
using Antq.FormEngine.Documents;
using Scriban.Runtime;

namespace Antq.Admin.Features.Reminders;

/// <summary>A rendered message: the first line of the template is the title (the e-mail subject).</summary>
public sealed record ReminderText(string Title, string Body);

/// <summary>
/// The plain-text message templates (templates/reminders/*, templates/notifications/*): read from the
/// repository's templates folder when the server has one, else from the copy built into the server,
/// and rendered in the document sandbox with HTML escaping off. Reminders and step notifications share
/// this, so a staff member edits both kinds of text the same way.
/// </summary>
public static partial class MessageTemplates
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly RenderOptions PlainText = RenderOptions.Default with { HtmlEscape = false, Strict = true };

    /// <summary><paramref name="folder"/>/<paramref name="name"/>.scriban, parsed; null (logged) when missing or broken.</summary>
    public static ParsedTemplate? Load(string folder, string name, string? directory, ILogger logger)
    {
        var file = $"{folder}/{name}.scriban";
        string? source = null;
        if (directory is not null && Path.Combine(directory, folder, name + ".scriban") is var path && File.Exists(path))
            source = File.ReadAllText(path);
        else if (typeof(MessageTemplates).Assembly.GetManifestResourceStream($"{folder}.{name}.scriban") is { } stream)
            using (var reader = new StreamReader(stream))
                source = reader.ReadToEnd();
        if (source is null)
        {
            logger.LogError("Message template {File} not found; a plain built-in text is used.", file);
            return null;
        }
        var parsed = TemplateSandbox.Parse(source, file);
        if (!parsed.Ok) logger.LogError("Message template {File} does not parse: {Errors}", file, string.Join("; ", parsed.Errors));
        return parsed.Template;
    }

    /// <summary>The text, or null (logged) when the template is missing or fails: the caller then sends its plain built-in text.</summary>
    public static ReminderText? Render(ParsedTemplate? template, ScriptObject model, ILogger logger)
    {
        if (template is null) return null;
        var result = TemplateSandbox.Render(template, model, PlainText);
        if (result.Ok) return Split(result.Output);
        logger.LogError("Message template {File} failed: {Errors}", template.File, string.Join("; ", result.Errors));
        return null;
    }

    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", Vietnamese);

    private static ReminderText Split(string output)
    {
        // Blank lines left by template logic never pile up: at most one between paragraphs.
        var text = BlankLines().Replace(output.Replace("\r\n", "\n"), "\n\n").Trim();
        var newline = text.IndexOf('\n');
        return newline < 0 ? new ReminderText(text, "") : new ReminderText(text[..newline].Trim(), text[(newline + 1)..].Trim());
    }

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}")]
    private static partial Regex BlankLines();
}
