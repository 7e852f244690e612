using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// "Move to version X": a submission stays on the pack version it was created under until its unit
/// explicitly moves it, which re-validates and re-evaluates the stored data under the new version.
/// The only version a dossier may move to is the pack's <em>active</em> one: stored candidates that
/// were never activated, and versions that have been rolled back, are refused (422) — otherwise a
/// unit could pick whichever stored version judges it most leniently. Choosing another version is
/// an administrator's decision made by activating it (audited), not a per-dossier choice.
/// </summary>
public sealed class SubmissionMove(CurrentAccount current, PackCatalog catalog, SubmissionStore store, SubmissionEvaluator evaluator, SubmissionQueries queries)
{
    public async Task<Result<SubmissionView>> MoveAsync(Guid id, MoveRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        SubmissionStore.RequireOwner(account, record);
        if (string.IsNullOrWhiteSpace(request.Version)) return Refusal.BadRequest("Cần cho biết phiên bản (version) muốn chuyển sang.");
        if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "chuyển sang phiên bản khác của bộ tiêu chí");
        var pack = await catalog.GetAsync(record.PackId, request.Version, ct);
        if (pack is null) return Refusal.NotFound($"Không có phiên bản {request.Version} của bộ tiêu chí «{record.PackId}».");
        var active = await catalog.ActiveVersionAsync(record.PackId, ct);
        if (!string.Equals(active, pack.Manifest.Version, StringComparison.Ordinal))
            return Refusal.Unprocessable(active is null
                ? $"Bộ tiêu chí «{record.PackId}» hiện không có phiên bản đang áp dụng; không thể chuyển hồ sơ."
                : $"Chỉ được chuyển hồ sơ sang phiên bản đang áp dụng ({active}) của bộ tiêu chí «{record.PackId}»; phiên bản {request.Version} chưa được kích hoạt hoặc đã bị thay thế.");
        var unit = record.Unit!;
        if (!pack.Manifest.UnitKinds.Contains(unit.KindId))
            return Refusal.Unprocessable($"Phiên bản {request.Version} của bộ tiêu chí «{record.PackId}» không áp dụng cho loại đơn vị «{unit.KindId}».");

        var from = record.PackVersion;
        var data = SubmissionEvaluator.Parse(record.DataJson);
        var result = await evaluator.EvaluateAsync(pack, unit, record.Year, data, ct);
        record.PackVersion = pack.Manifest.Version;
        SubmissionEvaluator.Store(record, pack, data, result);
        if (await store.CommitAsync(account, record, SubmissionAudit.Moved, record.Status, new { fromVersion = from, toVersion = record.PackVersion, valid = result.Valid }, ct) is { } failure)
            return failure;
        return await queries.ViewAsync(record, unit, ct);
    }
}
