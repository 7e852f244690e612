using System.Diagnostics.CodeAnalysis;
using Scriban;

namespace Antq.FormEngine.Documents;

/// <summary>A template that parsed and passed the forbidden-construct check; render it with <see cref="TemplateSandbox.Render"/>.</summary>
public sealed class ParsedTemplate
{
    internal ParsedTemplate(string file, Template template)
    {
        File = file;
        Template = template;
    }

    /// <summary>The name errors are reported against (e.g. <c>templates/to-trinh.scriban</c>).</summary>
    public string File { get; }

    internal Template Template { get; }
}

/// <summary>Either a template or every reason it was refused (<c>template.parse</c>, <c>template.forbidden</c>).</summary>
public sealed record TemplateParseResult(ParsedTemplate? Template, IReadOnlyList<PackError> Errors)
{
    [MemberNotNullWhen(true, nameof(Template))]
    public bool Ok => Template is not null && Errors.Count == 0;
}

/// <summary>The rendered text, or the errors (<c>template.render</c>) that stopped it; never both.</summary>
public sealed record RenderResult(string? Output, IReadOnlyList<PackError> Errors)
{
    [MemberNotNullWhen(true, nameof(Output))]
    public bool Ok => Output is not null && Errors.Count == 0;
}

public sealed record RenderOptions
{
    /// <summary>A missing variable or member is an error, not a blank. On for validation and preview.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>HTML-escape every value a <c>{{ expression }}</c> writes; the template's own text is kept as is.</summary>
    public bool HtmlEscape { get; init; } = true;

    /// <summary>Wall-clock bound of one render, a last resort behind the deterministic loop, recursion, step,
    /// size and allocation limits (generous, so a busy machine does not fail a normal render).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public static RenderOptions Default { get; } = new();
}
