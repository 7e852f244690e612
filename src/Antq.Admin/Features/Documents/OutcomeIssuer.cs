using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>What an outcome document is rendered from besides the dossiers (kept as <see cref="IssuedDocument.InputJson"/>).</summary>
public sealed record OutcomeInput(string SignerTitle, string SignerName, IReadOnlyList<string> Recipients, string? Reason = null);

/// <summary>
/// Issues the outcome documents through <see cref="DocumentIssuer.StoreAsync"/> (numbers, codes, HTML/DOCX, immutable versions):
/// the decision (no single dossier: its subjects are the dossiers it recognises), one certificate per dossier, the refusal
/// notice. The deciding authority is the People's Committee of the recognising unit (TT124 Điều 10), so their numbers read
/// <c>…/QĐ-UBND</c>. Callers hold the transaction and check who may decide; the clerk's number re-renders through here too.
/// </summary>
public sealed class OutcomeIssuer(AntqDbContext db, DocumentIssuer issuer, TemplateStore templates, DocumentHeads heads, SubmissionStore store, Plans.YearPlans plans)
{
    public const string Suffix = "UBND";

    /// <summary>The decision's title (trích yếu), which is also its registry summary.</summary>
    public static string DecisionTitle(string achievement, int year) =>
        $"Quyết định về việc công nhận {LowerFirst(achievement)} năm {year}";

    /// <summary>The templates of <paramref name="pack"/> for the outcome documents (seeded on first use), or the reason one is missing.</summary>
    public async Task<Result<CurrentTemplate>> TemplateAsync(CompiledPack pack, DocumentRef document, CancellationToken ct)
    {
        var (template, error) = await templates.CurrentForAsync(pack, document, ct);
        return template is null ? Refusal.Unprocessable($"Không lập được văn bản «{document.Title}»: {error}") : template;
    }

    public async Task<DecidingAuthority> AuthorityAsync(Unit unit, int year, OutcomeInput input, CancellationToken ct)
    {
        var own = await heads.OwnHeadAsync(unit, year, ct);
        var name = own?.Issuer ?? "Ủy ban nhân dân " + LowerFirst(unit.Name);
        // A province's committee heads alone; a lower committee is headed by the one above it only when its period says so.
        return new DecidingAuthority(name, unit.ParentId is null ? "" : own?.Parent ?? "", input.SignerTitle, input.SignerName);
    }

    public async Task<RecognisedUnit> UnitAsync(SubmissionRecord record, CancellationToken ct)
    {
        var unit = record.Unit ?? await db.Units.AsNoTracking().FirstAsync(u => u.Id == record.UnitId, ct);
        var info = await heads.UnitInfoAsync(unit, record.Year, ct);
        return new RecognisedUnit(info.Name, info.Code, info.ParentName);
    }

    /// <summary>The decision's model; <paramref name="document"/> carries the number (empty in a preview).</summary>
    public async Task<Scriban.Runtime.ScriptObject> DecisionModelAsync(DocumentInfo document, Unit decider, IReadOnlyList<SubmissionRecord> records,
        CompiledPack pack, OutcomeInput input, CancellationToken ct)
    {
        var year = records[0].Year;
        var units = new List<RecognisedUnit>();
        foreach (var record in records) units.Add(await UnitAsync(record, ct));
        // "Căn cứ": the law the pack rests on, then the year's plan of the province.
        IReadOnlyList<string> basis = await plans.GetAsync(year, ct) is { } plan ? [.. pack.Manifest.LegalBasis, plan.Citation()] : pack.Manifest.LegalBasis;
        return OutcomeDocuments.DecisionModel(document, await AuthorityAsync(decider, year, input, ct), pack.Manifest, year, basis,
            units.OrderBy(u => u.Name, Units.VietnameseText.Order).ToList(), input.Recipients);
    }

    /// <summary>Issues (a new version of) the decision over <paramref name="records"/>; the stored row, or why not.</summary>
    public async Task<Result<IssuedDocument>> DecisionAsync(Account actor, Unit decider, IReadOnlyList<SubmissionRecord> records, OutcomeInput input,
        string documentId, DocumentIssuer.GivenNumber? number, CancellationToken ct)
    {
        var pack = await store.PinnedPackAsync(records[0], ct);
        var title = DecisionTitle(OutcomeDocuments.Achievement(pack.Manifest), records[0].Year);
        var template = await TemplateAsync(pack, OutcomeDocuments.Decision(title), ct);
        if (template.Failure is { } missing) return missing;
        var spec = new DocumentIssuer.Issue(documentId, title, OutcomeDocuments.DecisionKind, decider, records[0].Year, pack, template.Value!, null,
            records.Select(r => r.Id).ToList(), number is null ? "decision" : "number-entered", null, null, Signed(input), Recipients(input),
            JsonSerializer.Serialize(input), number, Suffix);
        return await StoredAsync(actor, spec, info => DecisionModelAsync(info, decider, records, pack, input, ct), ct);
    }

    /// <summary>Issues the certificate (Giấy công nhận) of one recognised dossier, citing its decision.</summary>
    public Task<Result<IssuedDocument>> CertificateAsync(Account actor, Unit decider, SubmissionRecord record, OutcomeInput input,
        string decisionNumber, DateOnly decisionDate, DocumentIssuer.GivenNumber? number, CancellationToken ct) =>
        OfOneDossierAsync(actor, decider, record, input, number, OutcomeDocuments.Certificate, OutcomeDocuments.CertificateKind, "decision",
            (achievement, unit) => $"Giấy công nhận {achievement} năm {record.Year} - {unit.Name}", unit => unit.Name,
            (info, authority, pack, unit) => OutcomeDocuments.CertificateModel(info, authority, pack, record.Year, unit, decisionNumber, decisionDate), ct);

    /// <summary>Issues the reasoned notice that a dossier is not recognised (to the unit).</summary>
    public Task<Result<IssuedDocument>> NoticeAsync(Account actor, Unit decider, SubmissionRecord record, OutcomeInput input,
        DocumentIssuer.GivenNumber? number, CancellationToken ct) =>
        OfOneDossierAsync(actor, decider, record, input, number, OutcomeDocuments.Notice, OutcomeDocuments.NoticeKind, "refusal",
            (achievement, unit) => $"Thông báo về việc không công nhận {achievement} năm {record.Year} đối với {unit.Name}", _ => Recipients(input),
            (info, authority, pack, unit) => OutcomeDocuments.NoticeModel(info, authority, pack, record.Year, unit, input.Reason ?? "", input.Recipients), ct);

    /// <summary>An outcome document of one dossier (it is the document's dossier and its only subject).</summary>
    private async Task<Result<IssuedDocument>> OfOneDossierAsync(Account actor, Unit decider, SubmissionRecord record, OutcomeInput input,
        DocumentIssuer.GivenNumber? number, DocumentRef document, string kind, string reason, Func<string, RecognisedUnit, string> title,
        Func<RecognisedUnit, string> recipients, Func<DocumentInfo, DecidingAuthority, PackManifest, RecognisedUnit, Scriban.Runtime.ScriptObject> model,
        CancellationToken ct)
    {
        var pack = await store.PinnedPackAsync(record, ct);
        var template = await TemplateAsync(pack, document, ct);
        if (template.Failure is { } missing) return missing;
        var unit = await UnitAsync(record, ct);
        var spec = new DocumentIssuer.Issue(document.Id, title(LowerFirst(OutcomeDocuments.Achievement(pack.Manifest)), unit), kind, decider, record.Year,
            pack, template.Value!, record.Id, [record.Id], number is null ? reason : "number-entered", null, null, Signed(input), recipients(unit),
            JsonSerializer.Serialize(input), number, Suffix);
        var authority = await AuthorityAsync(decider, record.Year, input, ct);
        return await StoredAsync(actor, spec, info => Task.FromResult(model(info, authority, pack.Manifest, unit)), ct);
    }

    private async Task<Result<IssuedDocument>> StoredAsync(Account actor, DocumentIssuer.Issue spec, Func<DocumentInfo, Task<Scriban.Runtime.ScriptObject>> model, CancellationToken ct)
    {
        if (await issuer.StoreAsync(actor, spec, model, ct) is { } failure) return failure;
        return issuer.LastIssued!;
    }

    private static string Signed(OutcomeInput input) => input.SignerName.Length > 0 ? $"{input.SignerTitle} {input.SignerName}" : input.SignerTitle;

    private static string Recipients(OutcomeInput input) => string.Join("\n", input.Recipients);

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
