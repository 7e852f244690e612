using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// Moving a dossier to another version of its pack (ADR 0010): the stored data is re-validated and re-evaluated
/// under the new version and the dossier is pinned to it, audited as <c>submission.moved</c> with from/to. One code
/// path serves the three ways a dossier moves: its unit moves its own draft (after <see cref="PreviewAsync"/>),
/// activating a version moves every draft and returned dossier of the pack (<see cref="FollowActivationAsync"/>, batch by
/// batch after the activation, its units told what changed), and a reviewer's return moves the dossier it makes editable (<see cref="FollowActiveAsync"/>).
/// The only version a dossier may move to is the pack's <em>active</em> one: stored candidates that were never
/// activated, and versions that have been rolled back, are refused (422) — otherwise a unit could pick whichever
/// stored version judges it most leniently.
/// </summary>
public sealed class SubmissionMove(CurrentAccount current, PackCatalog catalog, SubmissionStore store, SubmissionEvaluator evaluator, SubmissionQueries queries,
    StepNotifications notifications)
{
    /// <summary>Audit <c>by</c> values of <c>submission.moved</c>: the unit moved it, or an activation did (a return records its move in its own row).</summary>
    public const string ByUnit = "unit", ByActivation = "activation";

    private readonly Dictionary<(string, string), IReadOnlyList<string>> _fields = [];

    /// <summary>The unit's own move, to the pack's active version only.</summary>
    public async Task<Result<SubmissionView>> MoveAsync(Guid id, MoveRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Version)) return Refusal.BadRequest("Cần cho biết phiên bản (version) muốn chuyển sang.");
        var (account, record) = await OwnAsync(id, ct);
        var target = await TargetAsync(record, request.Version, ct);
        if (target.Failure is { } refused) return refused;
        var move = await ApplyAsync(record, target.Value!, ct);
        if (await store.CommitAsync(account, record, SubmissionAudit.Moved, record.Status, Details(move, ByUnit), ct) is { } failure)
            return failure;
        return await queries.ViewAsync(record, record.Unit!, ct);
    }

    /// <summary>What moving the unit's draft to the active version would change; nothing is written. 409 when it is already there.</summary>
    public async Task<Result<VersionMoveView>> PreviewAsync(Guid id, CancellationToken ct)
    {
        var (_, record) = await OwnAsync(id, ct);
        var active = await catalog.ActiveVersionAsync(record.PackId, ct);
        if (active is null) return Refusal.Unprocessable($"Bộ tiêu chí «{record.PackId}» hiện không có phiên bản đang áp dụng; không thể chuyển hồ sơ.");
        if (active == record.PackVersion)
            return Refusal.Conflict($"Hồ sơ đã theo phiên bản đang áp dụng ({active}) của bộ tiêu chí.");
        var target = await TargetAsync(record, active, ct);
        if (target.Failure is { } refused) return refused;
        return await ChangeAsync(record, target.Value!, apply: false, ct);
    }

    /// <summary>
    /// A dossier just made editable again (a reviewer's return) follows the active version when it is on another one;
    /// the caller commits. Null when it stays: already on the active version, or the active version does not apply to its unit.
    /// </summary>
    public async Task<VersionMoveView?> FollowActiveAsync(SubmissionRecord record, CancellationToken ct)
    {
        var active = await catalog.GetActiveAsync(record.PackId, ct);
        if (active is null || active.Manifest.Version == record.PackVersion || !active.Manifest.UnitKinds.Contains(record.Unit!.KindId)) return null;
        return await ApplyAsync(record, active, ct);
    }

    /// <summary>
    /// Activation: one draft or returned dossier of the pack, read by the run moving them after the activation
    /// (<see cref="Packs.Moves.MoveRunner"/>), moves to <paramref name="to"/> with its audit row and a notice to its unit of
    /// what changed for it, keyed by the revision the move acts on. Staged only: the run saves a batch at once, and a
    /// dossier its unit saved meanwhile makes that save a concurrency conflict (the run re-reads it later).
    /// </summary>
    public async Task FollowActivationAsync(Account actor, SubmissionRecord record, CompiledPack to, CancellationToken ct)
    {
        var move = await ApplyAsync(record, to, ct);
        await notifications.VersionMovedAsync(actor, record, move, ct);
        store.Stage(actor, record, SubmissionAudit.Moved, record.Status, Details(move, ByActivation));
    }

    /// <summary>The audit details of a move: from/to versions, whether the data is valid under the new one, and who moved it.</summary>
    public static object Details(VersionMoveView move, string by) => new { fromVersion = move.FromVersion, toVersion = move.ToVersion, valid = move.Valid, by };

    private async Task<(Account, SubmissionRecord)> OwnAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        SubmissionStore.RequireOwner(account, record);
        return (account, record);
    }

    /// <summary>The version an editable dossier may move to: <paramref name="version"/> if it is the active one and covers the unit's kind.</summary>
    private async Task<Result<CompiledPack>> TargetAsync(SubmissionRecord record, string version, CancellationToken ct)
    {
        if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "chuyển sang phiên bản khác của bộ tiêu chí");
        var pack = await catalog.GetAsync(record.PackId, version, ct);
        if (pack is null) return Refusal.NotFound($"Không có phiên bản {version} của bộ tiêu chí «{record.PackId}».");
        var active = await catalog.ActiveVersionAsync(record.PackId, ct);
        if (!string.Equals(active, pack.Manifest.Version, StringComparison.Ordinal))
            return Refusal.Unprocessable($"Chỉ được chuyển hồ sơ sang phiên bản đang áp dụng ({active}) của bộ tiêu chí «{record.PackId}»; phiên bản {version} chưa được kích hoạt hoặc đã bị thay thế.");
        if (!pack.Manifest.UnitKinds.Contains(record.Unit!.KindId))
            return Refusal.Unprocessable($"Phiên bản {version} của bộ tiêu chí «{record.PackId}» không áp dụng cho loại đơn vị «{record.Unit.KindId}».");
        return pack;
    }

    /// <summary>Re-evaluates the tracked dossier under <paramref name="to"/> and pins it there (the caller commits).</summary>
    private Task<VersionMoveView> ApplyAsync(SubmissionRecord record, CompiledPack to, CancellationToken ct) => ChangeAsync(record, to, apply: true, ct);

    /// <summary>What <paramref name="to"/> changes for the dossier: its form fields and its verdict on its own data; with <paramref name="apply"/>, also done.</summary>
    private async Task<VersionMoveView> ChangeAsync(SubmissionRecord record, CompiledPack to, bool apply, CancellationToken ct)
    {
        var from = await store.PinnedPackAsync(record, ct);
        var data = SubmissionEvaluator.Parse(record.DataJson);
        var result = await evaluator.EvaluateAsync(to, record.Unit!, record.Year, data, ct);
        var verdict = VersionChanges.Verdict(record.EvaluationJson, record.OutcomeId, result);
        var fromOutcome = verdict is null ? result.Outcome?.Id : verdict.FromOutcome;
        var key = (from.Manifest.Version, to.Manifest.Version);
        if (!_fields.TryGetValue(key, out var fields)) _fields[key] = fields = VersionChanges.Fields(from, to);
        var view = new VersionMoveView(from.Manifest.Version, to.Manifest.Version,
            OutcomeTitle(from, fromOutcome), OutcomeTitle(to, result.Outcome?.Id), fromOutcome != result.Outcome?.Id,
            fields, VersionChanges.Describe(verdict, record.EvaluationJson, result), result.Valid);
        if (apply)
        {
            record.PackVersion = to.Manifest.Version;
            SubmissionEvaluator.Store(record, to, data, result);
        }
        return view;
    }

    private static string OutcomeTitle(CompiledPack pack, string? id) =>
        id is null ? "chưa có kết quả" : pack.Manifest.Outcome.FirstOrDefault(o => o.Id == id)?.Title ?? id;
}
