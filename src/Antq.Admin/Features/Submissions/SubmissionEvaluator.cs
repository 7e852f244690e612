using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// Evaluates a submission's data with a pack version and stores the verdict with the version and
/// the pack's content hash, so any past verdict can be reproduced exactly.
/// </summary>
public sealed class SubmissionEvaluator(AntqDbContext db)
{
    /// <summary>Largest form data accepted (evidence is uploaded separately; the form is small).</summary>
    public const int MaxDataChars = 1_000_000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The unit as rule expressions and templates see it: plain data, never the entity.</summary>
    public async Task<UnitInfo> UnitInfoAsync(Unit unit, CancellationToken ct)
    {
        var parentName = unit.ParentId is { } parentId
            ? await db.Units.AsNoTracking().Where(u => u.Id == parentId).Select(u => u.Name).FirstOrDefaultAsync(ct)
            : null;
        return new UnitInfo(unit.KindId, unit.Code, unit.Name, unit.LevelId, parentName ?? "");
    }

    /// <summary>Evaluates with the hierarchy facts the pack declares, computed from the server's records (<see cref="HierarchyFacts"/>).</summary>
    public async Task<EvaluationResult> EvaluateAsync(CompiledPack pack, Unit unit, int year, JsonElement data, CancellationToken ct) =>
        pack.Evaluate(await UnitInfoAsync(unit, ct), year, data, await HierarchyFacts.ForAsync(db, pack, unit, year, ct));

    /// <summary>The hierarchy facts of the pack for the unit and year, as <see cref="EvaluateAsync"/> uses them.</summary>
    public Task<PackFacts?> FactsAsync(CompiledPack pack, Unit unit, int year, CancellationToken ct) => HierarchyFacts.ForAsync(db, pack, unit, year, ct);

    /// <summary>Writes the data and its verdict into the record (the caller saves).</summary>
    public static void Store(SubmissionRecord record, CompiledPack pack, JsonElement data, EvaluationResult result)
    {
        record.DataJson = data.GetRawText();
        record.EvaluationJson = StoredEvaluation.Write(result);
        record.UnmetCriteria = StoredEvaluation.WriteUnmet(result);
        record.EvaluatedPackHash = pack.ContentHash;
        record.OutcomeId = result.Outcome?.Id;
        record.Valid = result.Valid;
    }

    /// <summary>400 when the data is not a JSON object of a sensible size; null when it is usable.</summary>
    public static Refusal? CheckData(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
            return Refusal.BadRequest("Trường data (dữ liệu biểu mẫu) phải là một đối tượng JSON.");
        if (data.GetRawText().Length > MaxDataChars)
            return Refusal.BadRequest("Dữ liệu biểu mẫu quá lớn (tối đa khoảng 1 MB). Tệp minh chứng cần tải lên riêng.");
        return null;
    }

    public static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
