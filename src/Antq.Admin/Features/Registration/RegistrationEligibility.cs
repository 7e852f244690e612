using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Registration;

/// <summary>
/// The Khá-or-better condition checked at registration. The unit declares its class of last year; when the system
/// holds the outcome of the unit's dossier of last year (recognised or not recognised, any pack), that record is
/// the level's own decision and wins over the declaration: recognised counts as met, not recognised as not met.
/// Both are shown, so a reviewer sees a declaration the record contradicts.
/// </summary>
public sealed class RegistrationEligibility(AntqDbContext db)
{
    public async Task<EligibilityView> CheckAsync(int unitId, int year, string declaredClass, CancellationToken ct)
    {
        // A unit recognised for any of last year's packs met the condition (few rows: ordered here, SQLite cannot order offsets).
        var last = (await db.Submissions.AsNoTracking()
                .Where(s => s.UnitId == unitId && s.Year == year - 1 && (s.Status == SubmissionStatus.Recognised || s.Status == SubmissionStatus.NotRecognised))
                .Select(s => new { s.Status, s.DecisionNumber, s.DecisionDate, s.UpdatedAt }).ToListAsync(ct))
            .OrderByDescending(s => s.Status == SubmissionStatus.Recognised).ThenByDescending(s => s.UpdatedAt).FirstOrDefault();
        var declaredName = MovementClass.Name(declaredClass);
        var declared = declaredName.Length == 0 ? "chưa kê khai xếp loại năm trước" : $"đơn vị kê khai năm {year - 1} xếp loại {declaredName}";
        if (last is null)
        {
            var eligible = MovementClass.FairOrBetter(declaredClass);
            return new EligibilityView(declaredClass, declaredName, null, eligible, "declared",
                $"Theo kê khai của đơn vị ({declared}; hệ thống chưa có kết quả năm {year - 1} của đơn vị): " +
                (eligible ? "đạt điều kiện loại Khá trở lên." : "chưa đạt điều kiện loại Khá trở lên."));
        }
        var recognised = last.Status == SubmissionStatus.Recognised;
        var decision = last.DecisionNumber is { Length: > 0 } number
            ? $" (Quyết định số {number}{(last.DecisionDate is { } date ? $" ngày {date:dd/MM/yyyy}" : "")})" : "";
        var recorded = recognised ? $"Năm {year - 1} được công nhận{decision}" : $"Năm {year - 1} không được công nhận{decision}";
        return new EligibilityView(declaredClass, declaredName, recorded, recognised, "record",
            $"Theo kết quả hệ thống đang lưu: {recorded.ToLowerInvariant()[0]}{recorded[1..]} — " +
            (recognised ? "đạt điều kiện loại Khá trở lên" : "chưa đạt điều kiện loại Khá trở lên") +
            $"; kết quả này được dùng thay cho kê khai ({declared}).");
    }
}
