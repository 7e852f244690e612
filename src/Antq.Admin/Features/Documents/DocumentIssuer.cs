using System.Security.Cryptography;
using System.Text;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Antq.Documents;
using Antq.Documents.Docx;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Issues dossier documents: takes a registry number, a verification code, renders the current
/// template version to HTML and DOCX and stores the bytes as a new, immutable version, all in one
/// transaction with the workflow step that caused it (a failed render leaves nothing: no step,
/// no document, no number used).
/// </summary>
public sealed class DocumentIssuer(
    AntqDbContext db, TemplateStore templates, RegistryNumbers numbers, DocumentLinks links, TimeProvider time, DocumentHeads heads, Plans.YearPlans plans)
{
    /// <summary>What to issue: one document of the pinned pack, by whom, why, from which meeting or appraisal (and the clerk's number, when given).</summary>
    public sealed record Order(DocumentRef Document, Unit Issuer, string Reason, MeetingRecord? Meeting, string? Note = null, GivenNumber? Number = null,
        AppraisalRecord? Appraisal = null);

    /// <summary>The documents of <paramref name="step"/> for a submission (the submission's unit issues at submission,
    /// the meeting's unit the minutes, the appraising level its appraisal report).</summary>
    public static IReadOnlyList<Order> OrdersFor(CompiledPack pack, DocumentStep step, Unit issuer, MeetingRecord? meeting, AppraisalRecord? appraisal = null) =>
        pack.Manifest.Documents.Where(d => DocumentKinds.StepOf(d) == step)
            .Select(d => new Order(d, issuer, step switch { DocumentStep.Meeting => "meeting", DocumentStep.Appraisal => "appraisal", _ => "submitted" },
                meeting, Appraisal: appraisal))
            .ToList();

    /// <summary>
    /// Runs <paramref name="commit"/> (the step's own save; null = saved) and issues <paramref name="orders"/>
    /// in one transaction; null when all is stored. The templates are resolved (and seeded) before it starts.
    /// <paramref name="evaluation"/> is the verdict the step has just stored, when the caller holds it (else it is read from the record).
    /// </summary>
    public async Task<Refusal?> WithDocumentsAsync(Account actor, SubmissionRecord record, CompiledPack pack,
        IReadOnlyList<Order> orders, Func<Task<Refusal?>> commit, CancellationToken ct, EvaluationResult? evaluation = null)
    {
        var resolved = new List<(Order, CurrentTemplate)>();
        foreach (var order in orders)
        {
            var (template, error) = await templates.CurrentForAsync(pack, order.Document, ct);
            if (template is null) return Refusal.Unprocessable($"Không lập được văn bản «{order.Document.Title}»: {error}");
            resolved.Add((order, template));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await commit() is { } refused) return refused;
        foreach (var (order, template) in resolved)
        {
            if (await IssueAsync(actor, record, pack, order, template, evaluation, ct) is { } failure)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return failure;
            }
        }
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>Issues one order of a dossier in the caller's transaction (the clerk's number: a new version of an awaiting document).</summary>
    public async Task<Refusal?> IssueInTransactionAsync(Account actor, SubmissionRecord record, CompiledPack pack, Order order, CancellationToken ct)
    {
        var (template, error) = await templates.CurrentForAsync(pack, order.Document, ct);
        if (template is null) return Refusal.Unprocessable($"Không lập được văn bản «{order.Document.Title}»: {error}");
        return await IssueAsync(actor, record, pack, order, template, null, ct);
    }

    private async Task<Refusal?> IssueAsync(Account actor, SubmissionRecord record, CompiledPack pack, Order order,
        CurrentTemplate template, EvaluationResult? evaluation, CancellationToken ct)
    {
        var signer = new SignerInfo(DocumentKinds.SignerTitle(order.Issuer), "");
        var spec = new Issue(order.Document.Id, order.Document.Title, DocumentKinds.Abbreviation(order.Document), order.Issuer, record.Year,
            pack, template, record.Id, [], order.Reason, order.Note, order.Meeting?.Id, signer.Title, null, null, order.Number);
        return await StoreAsync(actor, spec, async info =>
        {
            if (order.Issuer.Id != record.UnitId)
            {
                // Not the unit's own letter (the reviewing level's minutes): its header names the issuing level.
                // Names from the issuer's data for the dossier's year (UnitPeriod), else derived from its name.
                var (issuer, issuerParent) = await heads.ReviewingHeadAsync(order.Issuer, record.Year, ct);
                info = info with { Issuer = issuer, IssuerParent = issuerParent };
            }
            else if (await heads.OwnHeadAsync(order.Issuer, record.Year, ct) is { } own)
                info = info with { Issuer = own.Issuer, IssuerParent = own.Parent };
            return await ModelAsync(record, pack, info, signer, order.Meeting, ct, evaluation, order.Appraisal);
        }, ct);
    }

    /// <summary>
    /// What to store: the document, its issuing unit and the year whose names head it, the pack and template it renders from,
    /// the dossier it belongs to (or none) and the dossiers it concerns, why, who signs, where it goes, the inputs an outcome
    /// document is re-rendered from, and the number when it is given (the clerk's) rather than taken. A statutory report
    /// renders from no single pack (<see cref="Pack"/> null: its pack columns stay empty).
    /// </summary>
    public sealed record Issue(string DocumentId, string Title, string Kind, Unit Issuer, int Year, CompiledPack? Pack, CurrentTemplate Template,
        Guid? SubmissionId, IReadOnlyList<Guid> Subjects, string Reason, string? Note, long? MeetingId, string Signer, string? Recipients,
        string? InputJson, GivenNumber? Number, string? Suffix = null);

    /// <summary>A number and date entered by the organisation's clerk (văn thư).</summary>
    public sealed record GivenNumber(string Number, DateOnly Date);

    /// <summary>
    /// Takes the number (or uses the given one), a verification code, renders the model <paramref name="model"/> builds for the
    /// document's head and stores a new immutable version with its subjects; the caller holds the transaction. A document
    /// awaiting its clerk's number is stamped as such at the top of the page, whatever its template says.
    /// </summary>
    public async Task<Refusal?> StoreAsync(Account actor, Issue spec, Func<DocumentInfo, Task<Scriban.Runtime.ScriptObject>> model, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.DateOf(now);
        // The number first: its row lock orders concurrent issues of the same series, so the version read after it is current.
        var registry = spec.Number is { } given
            ? new RegistryNumber(null, given.Number)
            : await numbers.TakeAsync(spec.Issuer, today.Year, spec.Kind, ct, spec.Suffix);
        var date = spec.Number?.Date ?? today;
        var version = 1 + (await db.IssuedDocuments.Where(d => d.SubmissionId == spec.SubmissionId && d.DocumentId == spec.DocumentId)
            .MaxAsync(d => (int?)d.Version, ct) ?? 0);
        var code = VerificationCodes.New();
        var place = await heads.PlaceAsync(spec.Issuer, spec.Year, ct) ?? await PlaceAsync(ct);
        var built = await model(new DocumentInfo(spec.DocumentId, spec.Title, registry.Number, date, place, code) { VerifyUrl = links.Verify(code) });

        var rendered = TemplateSandbox.Render(spec.Template.Parsed, built);
        if (!rendered.Ok)
            return Refusal.Unprocessable(
                $"Không lập được văn bản «{spec.Title}» từ mẫu «{spec.Template.Key}» phiên bản {spec.Template.Version}: "
                + string.Join(" ", rendered.Errors.Select(e => e.ToString())) + " Không có gì được ghi; hãy sửa mẫu văn bản hoặc dữ liệu rồi thử lại.",
                new Dictionary<string, object?> { ["errors"] = rendered.Errors.Select(e => new { e.Path, e.Code, e.Message }).ToList() });
        var output = registry.Number.Length == 0 ? AwaitingNumberStamp.Apply(rendered.Output) : rendered.Output;
        var html = Encoding.UTF8.GetBytes(output);
        var docx = DocumentOutput.ToDocx(output, DocumentStamp.FromModel(built) with { Created = now.UtcDateTime }, TemplateStore.FileName(spec.Template.Key));
        if (!docx.Ok) return Refusal.Unprocessable(string.Join(" ", docx.Errors.Select(e => e.Message)));

        var pack = spec.Pack;
        var document = new IssuedDocument
        {
            SubmissionId = spec.SubmissionId, DocumentId = spec.DocumentId, Title = spec.Title, Version = version, Kind = spec.Kind,
            IssuerUnitId = spec.Issuer.Id, RegistryYear = date.Year, Sequence = registry.Sequence, Number = registry.Number, IssueDate = date,
            Place = place, VerificationCode = code, PackId = pack?.Manifest.Id ?? "", PackVersion = pack?.Manifest.Version ?? "",
            PackHash = pack?.ContentHash ?? "", TemplateKey = spec.Template.Key, TemplateVersion = spec.Template.Version, TemplateHash = spec.Template.Sha256,
            Html = html, Docx = docx.Content, HtmlSha256 = Hash(html), DocxSha256 = Hash(docx.Content), MeetingId = spec.MeetingId,
            IssuedById = actor.UserId, IssuedByName = actor.Name, IssuedAt = now, Reason = spec.Reason, Note = spec.Note,
            Signer = spec.Signer, Recipients = spec.Recipients, InputJson = spec.InputJson,
        };
        db.IssuedDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        foreach (var subject in spec.Subjects.Distinct())
            db.IssuedDocumentSubjects.Add(new IssuedDocumentSubject { IssuedDocumentId = document.Id, SubmissionId = subject });
        if (spec.Subjects.Count > 0) await db.SaveChangesAsync(ct);
        LastIssued = document;
        return null;
    }

    /// <summary>The row the last <see cref="StoreAsync"/> stored (for the caller that names it in its answer).</summary>
    public IssuedDocument? LastIssued { get; private set; }

    /// <summary>
    /// The template model of a submission: its unit, year, pack, data and verdict (what was submitted): <paramref name="evaluation"/>
    /// when the caller has just stored it, else the stored one (re-evaluated only when none can be read).
    /// </summary>
    public async Task<Scriban.Runtime.ScriptObject> ModelAsync(SubmissionRecord record, CompiledPack pack, DocumentInfo info, SignerInfo signer,
        MeetingRecord? meeting, CancellationToken ct, EvaluationResult? evaluation = null, AppraisalRecord? appraisal = null)
    {
        var unit = record.Unit ?? await db.Units.AsNoTracking().FirstAsync(u => u.Id == record.UnitId, ct);
        // The unit as it was in the dossier's year (its documents keep the old name after a merger or rename).
        var unitInfo = await heads.UnitInfoAsync(unit, record.Year, ct);
        var data = SubmissionEvaluator.Parse(record.DataJson);
        evaluation ??= StoredEvaluation.Read(record.EvaluationJson) ?? pack.Evaluate(unitInfo, record.Year, data);
        // The year's plan of the province is cited after the pack's legal basis ("Căn cứ Kế hoạch số …").
        var manifest = await plans.GetAsync(record.Year, ct) is { } plan
            ? pack.Manifest with { LegalBasis = [.. pack.Manifest.LegalBasis, plan.Citation()] }
            : pack.Manifest;
        return TemplateModel.Build(new TemplateModelInput(unitInfo, record.Year, manifest, data, evaluation, info, signer, Meetings.ToInfo(meeting, record.UnitId, unit.KindId))
            { Appraisal = Appraisals.ToInfo(appraisal, evaluation) });
    }

    /// <summary>Địa danh of the date line: the province (the root unit) without its "Tỉnh"/"Thành phố" prefix.</summary>
    public async Task<string> PlaceAsync(CancellationToken ct)
    {
        var root = await db.Units.AsNoTracking().OrderBy(u => u.Depth).ThenBy(u => u.Id).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        foreach (var prefix in new[] { "Tỉnh ", "Thành phố " })
            if (root.StartsWith(prefix, StringComparison.Ordinal)) return root[prefix.Length..];
        return root;
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
