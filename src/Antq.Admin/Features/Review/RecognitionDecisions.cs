using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Review;

/// <summary>Body of the decision preview and issue: the approved dossiers it recognises, who signs, where it goes.</summary>
public sealed record DecisionRequest(IReadOnlyList<Guid>? SubmissionIds, string? SignerTitle, string? SignerName, IReadOnlyList<string>? Recipients);

/// <summary>A dossier waiting for the recognising level's decision.</summary>
public sealed record DecisionCandidate(Guid SubmissionId, int UnitId, string UnitName, string UnitCode, int Year, string PackId, string PackTitle, DateTimeOffset UpdatedAt);

/// <summary>One issued outcome document as the answer names it.</summary>
public sealed record OutcomeDocumentView(long Id, Guid? SubmissionId, string DocumentId, string Title, string Number, DateOnly IssueDate,
    bool AwaitingNumber, string VerificationCode, string VerifyUrl);

/// <summary>The decision and the certificates it granted (none yet while the decision awaits its clerk's number).</summary>
public sealed record DecisionIssuedView(OutcomeDocumentView Decision, IReadOnlyList<OutcomeDocumentView> Certificates);

/// <summary>
/// The recognising level's decision through the system (TT124 Điều 10: "xét duyệt, ra quyết định công nhận và cấp Giấy
/// công nhận"): it selects approved dossiers waiting for it and issues ONE decision (Decree 30 layout, annex of the units)
/// and one certificate per unit, and each dossier becomes recognised with the decision's number and date — all in one
/// transaction. In the clerk mode the decision waits for its number and the certificates follow when the clerk enters it
/// (<see cref="ClerkNumbers"/>). The typed-number path (<see cref="ReviewDecisions.RecogniseAsync"/>) remains for decisions
/// made outside the system.
/// </summary>
public sealed class RecognitionDecisions(
    CurrentAccount current, SubmissionStore store, AntqDbContext db, OutcomeIssuer outcomes, UnitPeriods periods, DocumentLinks links, Packs.PackCatalog catalog, Notifications.StepNotifications notifications,
    SubmissionEvaluator evaluator, HierarchyFactsService hierarchyFacts, TimeProvider time)
{
    public const int MaxDossiers = 200;
    public const string DefaultSignerTitle = "Chủ tịch";

    /// <summary>The approved dossiers waiting at the caller's unit for its decision (the recognising level's list).</summary>
    public async Task<IReadOnlyList<DecisionCandidate>> CandidatesAsync(int? year, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        SubmissionStore.RequireReviewer(account);
        var unitId = account.ScopeUnit.Id;
        var rows = await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Approved && s.PendingUnitId == unitId && (year == null || s.Year == year))
            .Select(s => new { s.Id, s.UnitId, s.Unit!.Name, s.Unit.Code, s.Year, s.PackId, s.PackVersion, s.UpdatedAt }).ToListAsync(ct);
        var titles = new Dictionary<(string, string), string>();
        foreach (var (packId, version) in rows.Select(r => (r.PackId, r.PackVersion)).Distinct())
            titles[(packId, version)] = (await catalog.GetAsync(packId, version, ct))?.Manifest.Title ?? packId;
        return rows.OrderBy(r => r.Year).ThenBy(r => r.Name, VietnameseText.Order)
            .Select(r => new DecisionCandidate(r.Id, r.UnitId, r.Name, r.Code, r.Year, r.PackId, titles[(r.PackId, r.PackVersion)], r.UpdatedAt)).ToList();
    }

    /// <summary>The decision as it would be issued (no number, no code): what the reviewer checks before issuing.</summary>
    public async Task<Result<string>> PreviewAsync(DecisionRequest request, CancellationToken ct)
    {
        var (account, records, input, refusal) = await CheckAsync(request, ct);
        if (refusal is not null) return refusal;
        var pack = await store.PinnedPackAsync(records[0], ct);
        var title = OutcomeIssuer.DecisionTitle(OutcomeDocuments.Achievement(pack.Manifest), records[0].Year);
        var template = await outcomes.TemplateAsync(pack, OutcomeDocuments.Decision(title), ct);
        if (template.Failure is { } missing) return missing;
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var model = await outcomes.DecisionModelAsync(new DocumentInfo(OutcomeDocuments.DecisionTemplate, title, "", today, "", ""), account.ScopeUnit, records, pack, input, ct);
        var rendered = TemplateSandbox.Render(template.Value!.Parsed, model);
        return rendered.Ok ? rendered.Output : Refusal.Unprocessable("Không dựng được bản xem trước: " + string.Join(" ", rendered.Errors.Select(e => e.ToString())));
    }

    public async Task<Result<DecisionIssuedView>> IssueAsync(DecisionRequest request, CancellationToken ct)
    {
        var (account, records, input, refusal) = await CheckAsync(request, ct);
        if (refusal is not null) return refusal;
        var decider = account.ScopeUnit;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var decisionId = $"{OutcomeDocuments.DecisionTemplate}-{Guid.NewGuid():N}"[..(OutcomeDocuments.DecisionTemplate.Length + 13)];
        var decision = await outcomes.DecisionAsync(account, decider, records, input, decisionId, null, ct);
        if (decision.Failure is { } failed) return await RollbackAsync(transaction, failed, ct);
        var certificates = await RecogniseAsync(account, decider, records, decision.Value!, input, ct);
        if (certificates.Failure is { } refused) return await RollbackAsync(transaction, refused, ct);
        await transaction.CommitAsync(ct);
        await notifications.QueueEmailsAsync(ct);
        // Units above whose packs count recognised units of this kind (TT124 Điều 5 k4) see the new number in their drafts.
        foreach (var record in records) await hierarchyFacts.RefreshDependantsAsync(record, evaluator, ct);
        return new DecisionIssuedView(View(decision.Value!), certificates.Value!);
    }

    /// <summary>
    /// Marks the dossiers recognised by <paramref name="decision"/> and, once it has its number, issues their certificates
    /// (a decision awaiting its clerk's number leaves the number and date blank until then). In the caller's transaction.
    /// </summary>
    public async Task<Result<IReadOnlyList<OutcomeDocumentView>>> RecogniseAsync(Account account, Unit decider, IReadOnlyList<SubmissionRecord> records,
        IssuedDocument decision, OutcomeInput input, CancellationToken ct)
    {
        var certificates = new List<OutcomeDocumentView>();
        foreach (var record in records)
        {
            var from = record.Status;
            record.Status = SubmissionStatus.Recognised;
            record.PendingUnitId = null;
            record.DecisionNumber = decision.AwaitingNumber ? null : decision.Number;
            record.DecisionDate = decision.AwaitingNumber ? null : decision.IssueDate;
            var details = new { decisionNumber = record.DecisionNumber, decisionDate = record.DecisionDate, decisionDocumentId = decision.DocumentId, issuedInSystem = true };
            if (from != SubmissionStatus.Recognised) await notifications.StageStepAsync(account, record, SubmissionAudit.Recognised, from, details, ct);
            if (from != SubmissionStatus.Recognised
                && await store.CommitAsync(account, record, SubmissionAudit.Recognised, from,
                    details, ct) is { } conflict)
                return conflict;
            if (from == SubmissionStatus.Recognised) await db.SaveChangesAsync(ct);
            if (decision.AwaitingNumber) continue;
            var certificate = await outcomes.CertificateAsync(account, decider, record, input, decision.Number, decision.IssueDate, null, ct);
            if (certificate.Failure is { } failed) return failed;
            certificates.Add(View(certificate.Value!));
        }
        return certificates;
    }

    private async Task<(Account Account, List<SubmissionRecord> Records, OutcomeInput Input, Refusal? Refusal)> CheckAsync(DecisionRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        SubmissionStore.RequireReviewer(account);
        var ids = request.SubmissionIds?.Distinct().ToList() ?? [];
        var input = new OutcomeInput(Clean(request.SignerTitle) ?? DefaultSignerTitle, Clean(request.SignerName) ?? "",
            request.Recipients?.Select(Clean).OfType<string>().ToList() is { Count: > 0 } given ? given : ["Như Điều 3;", "Lưu: VT."]);
        if (ids.Count is 0 or > MaxDossiers)
            return (account, [], input, Refusal.BadRequest($"Cần chọn từ 1 đến {MaxDossiers} hồ sơ đã được thông qua (submissionIds)."));
        if (input.SignerTitle.Length > 100 || input.SignerName.Length > 100 || input.Recipients.Count > 30 || input.Recipients.Any(r => r.Length > 300))
            return (account, [], input, Refusal.BadRequest("Chức vụ, họ tên người ký tối đa 100 ký tự; nơi nhận tối đa 30 dòng, mỗi dòng 300 ký tự."));
        var records = new List<SubmissionRecord>();
        foreach (var id in ids)
        {
            var record = await store.GetVisibleAsync(account, id, ct);
            var pack = await store.PinnedPackAsync(record, ct);
            var hierarchy = await periods.ForYearAsync(record.Year, ct);
            var route = RecognitionRouting.Route(hierarchy.Find(record.UnitId) ?? UnitAsOf.Of(record.Unit!), pack.Manifest, hierarchy);
            if (route.Recognising is not { } recognising || recognising.Id != account.ScopeUnit.Id)
                throw new AccessDeniedException($"Hồ sơ của {record.Unit!.Name} không do đơn vị của bạn quyết định công nhận.");
            if (route.Outside)
                return (account, [], input, Refusal.Conflict($"Hồ sơ của {record.Unit!.Name} do cấp ngoài tỉnh quyết định công nhận: chỉ ghi lại số, ngày quyết định đã ban hành."));
            if (record.Status != SubmissionStatus.Approved || record.PendingUnitId != account.ScopeUnit.Id)
                return (account, [], input, Refusal.Conflict(
                    $"Hồ sơ của {record.Unit!.Name} đang ở trạng thái «{SubmissionStates.Label(record.Status)}»: chỉ ra quyết định cho hồ sơ đã được thông qua và đang chờ quyết định công nhận.",
                    new Dictionary<string, object?> { ["submissionId"] = record.Id, ["status"] = record.Status }));
            records.Add(record);
        }
        if (records.Select(r => r.Year).Distinct().Count() > 1)
            return (account, [], input, Refusal.BadRequest("Một quyết định công nhận chỉ gồm các hồ sơ của cùng một năm."));
        if (records.Select(r => r.PackId).Distinct().Count() > 1)
            return (account, [], input, Refusal.BadRequest("Một quyết định công nhận chỉ gồm các hồ sơ theo cùng một bộ tiêu chí (cùng danh hiệu)."));
        return (account, records, input, null);
    }

    private async Task<Refusal> RollbackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Refusal refusal, CancellationToken ct)
    {
        await transaction.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        return refusal;
    }

    public OutcomeDocumentView View(IssuedDocument d) =>
        new(d.Id, d.SubmissionId, d.DocumentId, d.Title, d.Number, d.IssueDate, d.AwaitingNumber, d.VerificationCode, links.Verify(d.VerificationCode));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
