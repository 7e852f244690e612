using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Parses and renders untrusted document templates (security.md, "Templates (Scriban)"). Every
/// problem a template can cause comes back as a <see cref="PackError"/> with a 1-based
/// <c>file(line,column)</c>, never as an exception.
/// </summary>
public static class TemplateSandbox
{
    /// <summary>Far above any real document template; refuses a megabyte of nesting before the parser sees it.</summary>
    public const int MaxSourceChars = 512 * 1024;

    private static readonly ParserOptions Parser = new() { ExpressionDepthLimit = 64 };

    public static TemplateParseResult Parse(string source, string file)
    {
        if (source.Length > MaxSourceChars)
        {
            return Refused(new PackError(file, "template.parse", string.Create(SandboxContext.Vietnamese, $"Mẫu văn bản dài quá {MaxSourceChars:N0} ký tự.")));
        }
        Template template;
        try
        {
            template = Template.Parse(source, file, Parser);
        }
        catch (Exception ex) // a parser bug must not take the caller down
        {
            return Refused(new PackError(PackError.AtText(file, 1, 1), "template.parse", $"Không phân tích được mẫu: {ex.Message}"));
        }
        if (template.HasErrors)
        {
            var errors = template.Messages
                .Where(m => m.Type == ParserMessageType.Error)
                .Select(m => new PackError(At(file, m.Span), "template.parse", TemplateMessages.ForParse(m.Message)))
                .ToList();
            return new TemplateParseResult(null, errors);
        }
        var forbidden = ForbiddenConstructs.Find(template.Page!, file).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        return forbidden.Count > 0
            ? new TemplateParseResult(null, forbidden)
            : new TemplateParseResult(new ParsedTemplate(file, template), []);
    }

    /// <summary>
    /// Renders with a fresh context. The model is copied first (plain data only, read-only), so a
    /// template cannot change it for the caller or for the next render.
    /// </summary>
    /// <exception cref="ArgumentException">The model holds something other than plain data (a caller bug).</exception>
    public static RenderResult Render(ParsedTemplate template, ScriptObject model, RenderOptions? options = null)
    {
        options ??= RenderOptions.Default;
        var data = PlainData.FrozenCopy(model);
        using var timeout = new CancellationTokenSource(options.Timeout);
        var context = new SandboxContext(options, timeout.Token);
        context.PushGlobal(data);
        context.PushGlobal(new ScriptObject()); // the template's own variables land here, above the model
        try
        {
            return new RenderResult(template.Template.Render(context), []);
        }
        catch (ScriptRuntimeException ex)
        {
            return Failed(template.File, ex.Span, TemplateMessages.ForRender(ex, options));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A builtin that threw something else (bad argument, overflow): still the template's fault.
            return Failed(template.File, context.CurrentSpan, TemplateMessages.Translate(ex.Message));
        }
    }

    /// <summary>
    /// Parse, then render strictly against each sample model (e.g. a final and a draft
    /// <see cref="TemplateModelInput.Sample"/>), so branches that only a draft takes are checked too.
    /// </summary>
    public static IReadOnlyList<PackError> Validate(string source, string file, IEnumerable<ScriptObject> sampleModels)
    {
        var parsed = Parse(source, file);
        if (!parsed.Ok)
        {
            return parsed.Errors;
        }
        var strict = RenderOptions.Default with { Strict = true };
        return sampleModels
            .SelectMany(model => Render(parsed.Template, model, strict).Errors)
            .Distinct()
            .ToList();
    }

    private static TemplateParseResult Refused(PackError error) => new(null, [error]);

    private static RenderResult Failed(string file, SourceSpan span, string message) =>
        new(null, [new PackError(At(file, span), "template.render", message)]);

    // Scriban positions are 0-based; people count from 1.
    private static string At(string file, SourceSpan span) => PackError.AtText(file, span.Start.Line + 1, span.Start.Column + 1);
}
