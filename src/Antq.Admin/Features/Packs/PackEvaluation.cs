using System.Text.Json;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// Evaluates data against a pack without storing anything (the form's live check). The version is
/// resolved once, so a request that started before an activation finishes on the version it began with.
/// </summary>
public sealed class PackEvaluation(PackCatalog catalog, CurrentAccount current, TimeProvider time)
{
    public async Task<Result<EvaluationResult>> EvaluateAsync(string packId, string? version, EvaluateRequest request, CancellationToken ct)
    {
        await current.RequireAsync(ct);
        var pack = await PackQueries.ResolveAsync(catalog, packId, version, ct);
        var kind = request.Unit?.Kind?.Trim();
        if (string.IsNullOrEmpty(kind))
            return Refusal.BadRequest("Thiếu loại đơn vị (unit.kind).");
        if (!pack.Manifest.UnitKinds.Contains(kind, StringComparer.Ordinal))
            return Refusal.BadRequest(
                $"Loại đơn vị “{kind}” không thuộc gói {pack.Manifest.Id} (chỉ áp dụng cho: {string.Join(", ", pack.Manifest.UnitKinds)}).");
        if (request.Data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return Refusal.BadRequest("Thiếu dữ liệu biểu mẫu (data).");
        var year = request.Year ?? VietnamTime.YearOf(time.GetUtcNow());
        if (year is < 1900 or > 2200)
            return Refusal.BadRequest($"Năm đánh giá {year} không hợp lệ.");
        var unit = new UnitInfo(kind, request.Unit!.Code ?? "", request.Unit.Name ?? "", request.Unit.Level ?? "");
        return pack.Evaluate(unit, year, request.Data);
    }
}
