using System.Text.Json.Nodes;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Submissions.Components;

/// <summary>
/// Everything a submission page draws, read in one UI operation: the record as its reader may see
/// it, the pinned pack version, the unit as rules see it, the audit trail and what the account may do.
/// </summary>
public sealed record SubmissionWorkspace(
    SubmissionView View,
    CompiledPack Pack,
    UnitInfo Unit,
    EvaluationResult StoredEvaluation,
    IReadOnlyList<AuditView> Audit,
    bool CanEdit,
    bool CanReview,
    bool CanDecide)
{
    /// <summary>Hierarchy facts as they stand now (null when the pack reads none or the unit has no such units in the system).</summary>
    public PackFacts? Facts { get; init; }

    /// <summary>A fresh copy of the data for a form session (the session edits it in place).</summary>
    public JsonObject DataCopy() => JsonNode.Parse(View.Data.GetRawText()) as JsonObject ?? new JsonObject();

    public string StatusLabel => SubmissionStates.Label(View.Status);

    public string? OutcomeTitle(string? outcomeId) =>
        outcomeId is null ? null : Pack.Manifest.Outcome.FirstOrDefault(o => o.Id == outcomeId)?.Title ?? outcomeId;
}

/// <summary>Reads a <see cref="SubmissionWorkspace"/> through the submissions services (which authorise: 404 outside the scope).</summary>
public sealed class SubmissionWorkspaceLoader(
    CurrentAccount current, SubmissionQueries queries, SubmissionEvaluator evaluator, PackCatalog catalog, UnitDirectory units)
{
    public async Task<SubmissionWorkspace> LoadAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var view = await queries.GetAsync(id, ct);
        var audit = await queries.AuditAsync(id, ct);
        var pack = await catalog.GetAsync(view.PackId, view.PackVersion, ct)
            ?? throw new InvalidOperationException($"Pinned pack {view.PackId} {view.PackVersion} is not stored.");
        var unit = await units.FindAsync(view.Unit.Id, ct) ?? throw new AccessDeniedException($"Không tìm thấy hồ sơ {id}.", StatusCodes.Status404NotFound);
        var info = await evaluator.UnitInfoAsync(unit, ct);
        var stored = StoredEvaluation.Read(view.Evaluation.GetRawText()) ?? pack.Evaluate(info, view.Year, view.Data);

        var owner = account.IsUnit && account.ScopeUnit.Id == view.Unit.Id;
        var waitingHere = account.IsReviewer && view.PendingUnit?.Id == account.ScopeUnit.Id;
        var recognising = view.ReviewChain.Count > 0 && view.ReviewChain[^1].Id == account.ScopeUnit.Id;
        return new SubmissionWorkspace(view, pack, info, stored, audit,
            CanEdit: owner && SubmissionStates.IsEditable(view.Status),
            CanReview: waitingHere && SubmissionStates.IsUnderReview(view.Status),
            CanDecide: waitingHere && recognising && view.Status == SubmissionStatus.Approved)
        {
            Facts = await evaluator.FactsAsync(pack, unit, view.Year, ct),
        };
    }
}
