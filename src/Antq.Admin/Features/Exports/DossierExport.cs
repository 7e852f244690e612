using System.Runtime.CompilerServices;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Exports;

/// <summary>
/// Which dossiers to export: the dossier list's own filters (unit, pack, year, status, waiting on the caller's unit)
/// plus <see cref="WaitingAt"/> (waiting at a given unit).
/// </summary>
public sealed record DossierExportFilter(int? UnitId = null, string? PackId = null, int? Year = null, string? Status = null,
    bool Pending = false, int? WaitingAt = null, bool Overdue = false)
{
    /// <summary>With <see cref="Overdue"/>: the overdue dossiers (<see cref="Deadlines.OverdueDossiers"/>), resolved before the query.</summary>
    public IReadOnlySet<Guid>? OverdueIds { get; init; }
}

/// <summary>The dossier export of the caller: <see cref="DossierExportBuilder"/> within the account's scope.</summary>
public sealed class DossierExport(AntqDbContext db, CurrentAccount current, PackCatalog catalog, Deadlines.OverdueDossiers overdue)
{
    public async Task<ExportFile> BuildAsync(DossierExportFilter filter, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        if (filter.Overdue) filter = filter with { OverdueIds = await overdue.IdsAsync(account.ScopeUnit, filter.Year, ct) };
        return await new DossierExportBuilder(db, (id, version, c) => catalog.GetAsync(id, version, c)).BuildAsync(account.ScopeUnit, filter, ct);
    }
}

/// <summary>
/// Builds the analysis-ready dossier export: sheet 1 one row per dossier (fixed columns, then verdict and points of
/// every criterion: the union over the pack versions present, a criterion a version lacks left empty), sheet 2 the
/// explanations (one row per dossier and criterion), sheet 3 the field values (one row per dossier and filled field).
/// Rows stream from the database (one pass per sheet); evaluations are read through <see cref="StoredEvaluation"/>.
/// </summary>
public sealed class DossierExportBuilder(AntqDbContext db, Func<string, string, CancellationToken, Task<CompiledPack?>> packs)
{
    public async Task<ExportFile> BuildAsync(Unit scope, DossierExportFilter filter, CancellationToken ct)
    {
        if (filter.Status is { } status && !SubmissionStates.Labels.ContainsKey(status))
            throw new ExportRefusedException($"Trạng thái «{status}» không có. Các trạng thái: {string.Join(", ", SubmissionStates.Labels.Keys)}.");
        var query = Filtered(scope, filter);
        var versions = await query.Select(s => new { s.PackId, s.PackVersion }).Distinct().ToListAsync(ct);
        var compiled = new Dictionary<(string, string), CompiledPack?>();
        foreach (var v in versions) compiled[(v.PackId, v.PackVersion)] = await packs(v.PackId, v.PackVersion, ct);

        // Criterion columns: the union over the versions present, newest version's order first.
        var columns = new List<(string PackId, string Id, string Title)>();
        var index = new Dictionary<(string, string), int>();
        foreach (var v in versions.OrderBy(v => v.PackId, StringComparer.Ordinal).ThenByDescending(v => VersionKey(v.PackVersion)))
        {
            var json = await query.Where(s => s.PackId == v.PackId && s.PackVersion == v.PackVersion).OrderBy(s => s.Id)
                .Select(s => s.EvaluationJson).FirstAsync(ct);
            foreach (var criterion in Flatten(StoredEvaluation.Read(json)?.Criteria ?? []))
                if (index.TryAdd((v.PackId, criterion.Id), columns.Count)) columns.Add((v.PackId, criterion.Id, criterion.Title));
        }
        var severalPacks = versions.Select(v => v.PackId).Distinct().Count() > 1;
        var kinds = await db.UnitKinds.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, ct);

        string Outcome(string packId, string version, string? outcomeId) =>
            outcomeId is null ? "" : compiled.GetValueOrDefault((packId, version))?.Manifest.Outcome.FirstOrDefault(o => o.Id == outcomeId)?.Title ?? outcomeId;

        var fixedColumns = new List<ExportColumn>
        {
            new("Mã đơn vị", Width: 12), new("Tên đơn vị", Width: 32), new("Đơn vị cấp trên", Width: 26), new("Loại đơn vị", Width: 22),
            new("Mã bộ tiêu chí", Width: 22), new("Phiên bản", Width: 10), new("Năm", CellKind.Number, 8), new("Trạng thái", Width: 26),
            new("Đang chờ xét tại", Width: 24), new("Hợp lệ", Width: 8), new("Kết quả tự đánh giá", Width: 24),
            new("Số tiêu chí đạt", CellKind.Number, 10), new("Số tiêu chí chưa đạt", CellKind.Number, 10),
            new("Số tiêu chí chưa đánh giá được", CellKind.Number, 10), new("Tổng điểm", CellKind.Number, 10), new("Điểm tối đa", CellKind.Number, 10),
            new("Số quyết định công nhận", Width: 18), new("Ngày quyết định", CellKind.Date, 12),
            new("Ngày lập", CellKind.DateTime, 16), new("Ngày gửi", CellKind.DateTime, 16), new("Cập nhật lần cuối", CellKind.DateTime, 16),
        };
        var mainColumns = fixedColumns.ToList();
        foreach (var c in columns)
        {
            var label = severalPacks ? $"{c.PackId} · {c.Id}" : c.Id;
            mainColumns.Add(new($"{label} – {c.Title}", Width: 14));
            mainColumns.Add(new($"{label} – Điểm", CellKind.Number, 8));
        }

        async IAsyncEnumerable<object?[]> Main([EnumeratorCancellation] CancellationToken token = default)
        {
            await foreach (var row in Rows(query, withData: false).AsAsyncEnumerable().WithCancellation(token))
            {
                var evaluation = StoredEvaluation.Read(row.EvaluationJson);
                var cells = new object?[mainColumns.Count];
                cells[0] = row.UnitCode; cells[1] = row.UnitName; cells[2] = row.ParentName; cells[3] = kinds.GetValueOrDefault(row.KindId, row.KindId);
                cells[4] = row.PackId; cells[5] = row.PackVersion; cells[6] = row.Year; cells[7] = SubmissionStates.Label(row.Status);
                cells[8] = row.PendingName; cells[9] = row.Valid ? "Có" : "Không"; cells[10] = Outcome(row.PackId, row.PackVersion, row.OutcomeId);
                if (evaluation is not null)
                {
                    cells[11] = evaluation.Summary.Met; cells[12] = evaluation.Summary.NotMet; cells[13] = evaluation.Summary.NotEvaluable;
                    cells[14] = evaluation.Summary.Points; cells[15] = evaluation.Summary.MaxPoints;
                    foreach (var criterion in Flatten(evaluation.Criteria))
                        if (index.TryGetValue((row.PackId, criterion.Id), out var at))
                        {
                            cells[fixedColumns.Count + 2 * at] = criterion.Status.ToVietnamese();
                            cells[fixedColumns.Count + 2 * at + 1] = criterion.Points;
                        }
                }
                cells[16] = row.DecisionNumber; cells[17] = row.DecisionDate; cells[18] = row.CreatedAt; cells[19] = row.SubmittedAt; cells[20] = row.UpdatedAt;
                yield return cells;
            }
        }

        // Sheet 2: one row per dossier, one column per criterion with its explanation (same union as sheet 1).
        async IAsyncEnumerable<object?[]> Explanations([EnumeratorCancellation] CancellationToken token = default)
        {
            await foreach (var row in Rows(query, withData: false).AsAsyncEnumerable().WithCancellation(token))
            {
                var cells = new object?[2 + columns.Count];
                cells[0] = row.UnitCode; cells[1] = row.UnitName;
                foreach (var criterion in Flatten(StoredEvaluation.Read(row.EvaluationJson)?.Criteria ?? []))
                    if (index.TryGetValue((row.PackId, criterion.Id), out var at)) cells[2 + at] = criterion.Explanation;
                yield return cells;
            }
        }
        var explanationColumns = new List<ExportColumn> { new("Mã đơn vị", Width: 12), new("Tên đơn vị", Width: 32) };
        explanationColumns.AddRange(columns.Select(c => new ExportColumn($"{(severalPacks ? $"{c.PackId} · " : "")}{c.Id} – {c.Title}", Width: 40)));

        // Sheet 3: one row per dossier, one column per filled field (the union over the dossiers, found by a first pass;
        // a table's rows are columns "… › dòng n › …").
        var fieldColumns = new List<ExportColumn> { new("Mã đơn vị", Width: 12), new("Tên đơn vị", Width: 32) };
        var fieldIndex = new Dictionary<(string PackId, string Pointer), int>();
        async Task PrepareFields(CancellationToken token)
        {
            if (fieldIndex.Count > 0) return;
            await foreach (var row in Rows(query, withData: true).AsAsyncEnumerable().WithCancellation(token))
                foreach (var (label, pointer, _) in Leaves(row.DataJson, compiled.GetValueOrDefault((row.PackId, row.PackVersion))?.Form.Root))
                    if (fieldIndex.TryAdd((row.PackId, pointer), fieldColumns.Count - 2))
                        fieldColumns.Add(new(severalPacks ? $"{row.PackId} · {label}" : label, Width: 20));
        }
        async IAsyncEnumerable<object?[]> Fields([EnumeratorCancellation] CancellationToken token = default)
        {
            await foreach (var row in Rows(query, withData: true).AsAsyncEnumerable().WithCancellation(token))
            {
                var cells = new object?[fieldColumns.Count];
                cells[0] = row.UnitCode; cells[1] = row.UnitName;
                foreach (var (_, pointer, value) in Leaves(row.DataJson, compiled.GetValueOrDefault((row.PackId, row.PackVersion))?.Form.Root))
                    if (fieldIndex.TryGetValue((row.PackId, pointer), out var at)) cells[2 + at] = value;
                yield return cells;
            }
        }

        var stem = $"ho-so-{ExportTable.Ascii(filter.PackId ?? "tat-ca")}{(filter.Year is { } y ? $"-{y}" : "")}";
        return new ExportFile(stem,
        [
            new ExportSheet("Hồ sơ", mainColumns, Main(ct)),
            new ExportSheet("Giải thích", explanationColumns, Explanations(ct)),
            new ExportSheet("Dữ liệu biểu mẫu", fieldColumns, Fields(ct), PrepareFields),
        ]);
    }

    /// <summary>The dossier list's filter (SubmissionQueries.PageAsync), in the same stable order.</summary>
    public IQueryable<SubmissionRecord> Filtered(Unit scope, DossierExportFilter filter)
    {
        var scopePath = scope.Path;
        var query = db.Submissions.AsNoTracking().Where(s => s.Unit!.Path.StartsWith(scopePath));
        if (filter.UnitId is { } unitId) query = query.Where(s => s.UnitId == unitId);
        if (!string.IsNullOrWhiteSpace(filter.PackId)) query = query.Where(s => s.PackId == filter.PackId);
        if (filter.Year is { } year) query = query.Where(s => s.Year == year);
        if (filter.Status is not null) query = query.Where(s => s.Status == filter.Status);
        if (filter.Pending)
        {
            var scopeId = scope.Id;
            query = query.Where(s => s.PendingUnitId == scopeId && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.Approved));
        }
        if (filter.WaitingAt is { } waitingAt) query = query.Where(s => s.PendingUnitId == waitingAt);
        if (filter.Overdue)
        {
            var late = (filter.OverdueIds ?? new HashSet<Guid>()).ToList();
            query = query.Where(s => late.Contains(s.Id));
        }
        return query;
    }

    private sealed record DossierRow(Guid Id, string UnitCode, string UnitName, string KindId, string? ParentName, string PackId, string PackVersion,
        int Year, string Status, string? PendingName, bool Valid, string? OutcomeId, string? DecisionNumber, DateOnly? DecisionDate,
        DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset UpdatedAt, string EvaluationJson, string? DataJson);

    private IQueryable<DossierRow> Rows(IQueryable<SubmissionRecord> query, bool withData) =>
        query.OrderByDescending(s => s.Year).ThenBy(s => s.Unit!.Name).ThenBy(s => s.PackId).ThenBy(s => s.Id)
            .Select(s => new DossierRow(s.Id, s.Unit!.Code, s.Unit!.Name, s.Unit!.KindId, s.Unit!.Parent != null ? s.Unit!.Parent.Name : null,
                s.PackId, s.PackVersion, s.Year, s.Status,
                db.Units.Where(u => u.Id == s.PendingUnitId).Select(u => u.Name).FirstOrDefault(),
                s.Valid, s.OutcomeId, s.DecisionNumber, s.DecisionDate, s.CreatedAt, s.SubmittedAt, s.UpdatedAt,
                withData ? "" : s.EvaluationJson, withData ? s.DataJson : null));

    public static IEnumerable<CriterionResult> Flatten(IEnumerable<CriterionResult> criteria)
    {
        foreach (var c in criteria)
        {
            yield return c;
            foreach (var child in Flatten(c.Children)) yield return child;
        }
    }

    private static IEnumerable<(string Label, string Pointer, object? Value)> Leaves(string? json, FormField? root)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "{}" : json); }
        catch (JsonException) { yield break; }
        using (document)
            foreach (var leaf in Leaves(document.RootElement, root, "", "")) yield return leaf;
    }

    /// <summary>Every filled leaf of the form data: its label path (titles, "dòng n" for table rows), pointer and typed value.</summary>
    public static IEnumerable<(string Label, string Pointer, object? Value)> Leaves(JsonElement element, FormField? field, string label, string pointer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = field?.Children.FirstOrDefault(c => c.Name == property.Name);
                    var name = child?.Title ?? property.Name;
                    foreach (var leaf in Leaves(property.Value, child, label.Length == 0 ? name : $"{label} › {name}",
                                 $"{pointer}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}"))
                        yield return leaf;
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var leaf in Leaves(item, field?.Item, $"{label} › dòng {i + 1}", $"{pointer}/{i}")) yield return leaf;
                    i++;
                }
                break;
            case JsonValueKind.Number:
                yield return (label, pointer, element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                yield return (label, pointer, element.GetBoolean() ? "Có" : "Không");
                break;
            case JsonValueKind.String:
                var text = element.GetString();
                if (!string.IsNullOrEmpty(text)) yield return (label, pointer, text);
                break;
        }
    }

    private static Version VersionKey(string version) => Version.TryParse(version.Split('-', '+')[0], out var v) ? v : new Version(0, 0);
}

/// <summary>A refused export (bad filter or format): a 400 with the message.</summary>
public sealed class ExportRefusedException(string message) : Exception(message);
