using Scriban.Runtime;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// What every issued document carries besides its text: the pack it was made under and the code
/// that verifies the printed copy. In a DOCX it is the footer line of every page, the core
/// properties (identifier, version, category, keywords) and custom properties (<c>AntqPackId</c>,
/// <c>AntqPackVersion</c>, <c>AntqVerificationCode</c>, <c>AntqDocumentId</c>).
/// </summary>
public sealed record DocumentStamp(string PackId, string PackVersion, string VerificationCode, string DocumentId, string Title)
{
    /// <summary>When the file was produced (core properties); defaults to now.</summary>
    public DateTime Created { get; init; } = DateTime.UtcNow;

    /// <summary>Where the printed copy is checked (<c>https://…/verify/{code}</c>); empty when not known (drafts, the CLI).</summary>
    public string VerifyUrl { get; init; } = "";

    /// <summary>The registry number (<c>15/TTr-UBND</c>); empty in drafts.</summary>
    public string Number { get; init; } = "";

    /// <summary>"Mã xác thực: MAU-2025-000001 · Gói qd9745.xa 1.0.0".</summary>
    public string FooterText =>
        string.Join(" · ", new[]
        {
            VerificationCode.Length > 0 ? $"Mã xác thực: {VerificationCode}" : "",
            PackId.Length > 0 ? $"Gói {PackId} {PackVersion}".TrimEnd() : "",
            VerifyUrl.Length > 0 ? $"Kiểm tra: {VerifyUrl}" : "",
        }.Where(part => part.Length > 0));

    /// <summary>
    /// Reads <c>pack.id</c>, <c>pack.version</c>, <c>document.verification_code</c>,
    /// <c>document.id</c>, <c>document.title</c>, <c>document.number</c> and <c>document.verify_url</c> of a template model
    /// (<see cref="TemplateModel.Build"/>); what is missing is empty.
    /// </summary>
    public static DocumentStamp FromModel(ScriptObject model)
    {
        var pack = model.TryGetValue("pack", out var p) ? p as ScriptObject : null;
        var document = model.TryGetValue("document", out var d) ? d as ScriptObject : null;
        return new DocumentStamp(
            Member(pack, "id"), Member(pack, "version"), Member(document, "verification_code"),
            Member(document, "id"), Member(document, "title"))
        {
            Number = Member(document, "number"),
            VerifyUrl = Member(document, "verify_url"),
        };
    }

    private static string Member(ScriptObject? owner, string name) =>
        owner is not null && owner.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""
            : "";
}
