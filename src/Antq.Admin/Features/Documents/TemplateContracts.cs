namespace Antq.Admin.Features.Documents;

/// <summary>A template as listed: its key, what uses it, and its current version.</summary>
public sealed record TemplateSummary(string Key, string TemplateId, string? PackId, string? PackVersion, int CurrentVersion,
    string UpdatedBy, DateTimeOffset UpdatedAt, IReadOnlyList<string> UsedBy);

public sealed record TemplateVersionView(int Version, string Sha256, string? Note, string CreatedBy, DateTimeOffset CreatedAt, bool Current);

/// <summary>A template with its current source and every version (newest first).</summary>
public sealed record TemplateDetail(string Key, int CurrentVersion, string Source, IReadOnlyList<TemplateVersionView> Versions);

public sealed record TemplateSourceView(string Key, int Version, string Source, string Sha256);

/// <summary>A template problem with its place in the source (1-based), as the sandbox reports it.</summary>
public sealed record TemplateErrorView(string Path, string Code, string Message, int? Line, int? Column);

/// <summary>Save a new version: <see cref="BaseVersion"/> is the version the editor started from (409 when stale).</summary>
public sealed record SaveTemplateRequest(string? Source, int? BaseVersion, string? Note);

public sealed record RevertTemplateRequest(int? Version, int? BaseVersion);

/// <summary>Preview <see cref="Source"/> (or the current version) against a submission, as a draft (no number yet).</summary>
public sealed record PreviewTemplateRequest(string? Source, Guid? SubmissionId, string? DocumentId);

public sealed record PreviewView(string? Html, IReadOnlyList<TemplateErrorView> Errors)
{
    /// <summary>What the preview was rendered with when no submission was chosen (the sample test case), else null.</summary>
    public string? Sample { get; init; }
}
