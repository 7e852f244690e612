using System.Globalization;
using System.Text.Json;
using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.Documents;
using Antq.Documents.Docx;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;

namespace Antq.Admin.Features.Exports;

/// <summary>
/// The printable dossier (<c>templates/ho-so-in.scriban</c>): the whole form as filled (every section, table row and
/// evidence file name), each criterion's verdict with its explanation, and the review history, as HTML, then DOCX
/// (<see cref="DocumentOutput.ToDocx"/>) or PDF (the server's <c>ChromiumPdf</c>). A print, not an issued document:
/// no registry number, no verification code. Visible to whoever may open the dossier.
/// </summary>
public sealed class PrintableDossier(AntqDbContext db, CurrentAccount current, SubmissionStore store, SubmissionQueries queries, AntqOptions options,
    TimeProvider time)
{
    public const string TemplateFile = "ho-so-in.scriban";

    public sealed record Printed(string Html, string FileStem, string Title, string PackId, string PackVersion);

    public async Task<Printed> RenderAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var pack = await store.PinnedPackAsync(record, ct);
        var unit = record.Unit ?? await db.Units.AsNoTracking().FirstAsync(u => u.Id == record.UnitId, ct);
        var parentName = unit.ParentId is { } parentId ? await db.Units.AsNoTracking().Where(u => u.Id == parentId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var kindName = await db.UnitKinds.AsNoTracking().Where(k => k.Id == unit.KindId).Select(k => k.Name).FirstOrDefaultAsync(ct);
        var evaluation = StoredEvaluation.Read(record.EvaluationJson);
        var history = await queries.AuditAsync(id, ct);

        var model = new ScriptObject
        {
            ["id"] = record.Id.ToString(),
            ["year"] = record.Year,
            ["unit"] = new ScriptObject { ["name"] = unit.Name, ["code"] = unit.Code, ["parent_name"] = parentName ?? "", ["kind_name"] = kindName ?? "" },
            ["pack"] = new ScriptObject { ["id"] = pack.Manifest.Id, ["title"] = pack.Manifest.Title, ["version"] = record.PackVersion },
            ["status"] = SubmissionStates.Label(record.Status),
            ["outcome"] = record.OutcomeId is null ? "chưa có kết quả" : pack.Manifest.Outcome.FirstOrDefault(o => o.Id == record.OutcomeId)?.Title ?? record.OutcomeId,
            ["decision"] = record.DecisionNumber is null ? "" : $"Số {record.DecisionNumber}{(record.DecisionDate is { } d ? $" ngày {Display.Date(d)}" : "")}",
            ["summary"] = new ScriptObject
            {
                ["met"] = evaluation?.Summary.Met ?? 0, ["total"] = evaluation?.Summary.Total ?? 0,
                ["points"] = Display.Number(evaluation?.Summary.Points ?? 0), ["max_points"] = evaluation?.Summary.MaxPoints ?? 0,
            },
            ["form"] = FormRows(record.DataJson, pack.Form.Root),
            ["criteria"] = CriteriaRows(evaluation?.Criteria ?? [], 0, new ScriptArray()),
            ["history"] = new ScriptArray(history.Select(h => new ScriptObject
            {
                ["at"] = Display.DateTime(h.At), ["action"] = AuditWords.Action(h.Action), ["actor"] = h.ActorName,
                ["status"] = h.ToStatus is null ? "" : SubmissionStates.Label(h.ToStatus),
                ["note"] = h.Details.ValueKind == JsonValueKind.Object && h.Details.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "",
            })),
            ["printed_at"] = Display.DateTime(time.GetUtcNow()),
        };

        var path = Path.Combine(options.TemplatesDirectory ?? "templates", TemplateFile);
        var parsed = TemplateSandbox.Parse(await File.ReadAllTextAsync(path, ct), TemplateFile);
        if (!parsed.Ok) throw new ExportRefusedException("Mẫu bản in hồ sơ có lỗi: " + string.Join(" ", parsed.Errors.Select(e => e.Message)));
        var rendered = TemplateSandbox.Render(parsed.Template, model);
        if (!rendered.Ok) throw new ExportRefusedException("Không lập được bản in hồ sơ: " + string.Join(" ", rendered.Errors.Select(e => e.Message)));
        return new Printed(rendered.Output, $"ho-so-{ExportTable.Ascii(unit.Name)}-{record.Year}", $"Hồ sơ {pack.Manifest.Title} - {unit.Name}",
            pack.Manifest.Id, record.PackVersion);
    }

    public static byte[] Docx(Printed printed)
    {
        var result = DocumentOutput.ToDocx(printed.Html, new DocumentStamp(printed.PackId, printed.PackVersion, "", "ho-so-in", printed.Title), TemplateFile);
        if (!result.Ok) throw new ExportRefusedException(string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Content!;
    }

    /// <summary>Every section, field and table row of the form in the form's order, with the filled value in words.</summary>
    public static ScriptArray FormRows(string? json, FormField root)
    {
        var rows = new ScriptArray();
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        Walk(document.RootElement, root, 0, rows);
        return rows;
    }

    private static void Walk(JsonElement data, FormField field, int depth, ScriptArray rows)
    {
        foreach (var child in field.Children)
        {
            var has = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(child.Name, out var value);
            var v = has ? data.GetProperty(child.Name) : default;
            if (child.Kind == FieldKind.Object)
            {
                rows.Add(Row(child.Label, "", depth, heading: true));
                Walk(v, child, depth + 1, rows);
            }
            else if (child.Kind == FieldKind.Array && child.Item is { } item && (item.Kind == FieldKind.Object))
            {
                var count = v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 0;
                rows.Add(Row(child.Label, count == 0 ? "Không có" : "", depth, heading: count > 0));
                var i = 0;
                if (count > 0)
                    foreach (var element in v.EnumerateArray())
                    {
                        rows.Add(Row($"Dòng {++i}", "", depth + 1, heading: true));
                        Walk(element, item, depth + 2, rows);
                    }
            }
            else
            {
                rows.Add(Row(child.Label, has ? Words(v) : "", depth, heading: false));
            }
        }
    }

    private static ScriptObject Row(string label, string value, int depth, bool heading) =>
        new() { ["label"] = label, ["value"] = value, ["depth"] = depth, ["heading"] = heading };

    /// <summary>A value as an official writes it: Có/Không, 1.234, dd/MM/yyyy, the evidence file's name.</summary>
    public static string Words(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "Có",
        JsonValueKind.False => "Không",
        JsonValueKind.Number => Display.Number(value.GetDouble()),
        JsonValueKind.String => Text(value.GetString() ?? ""),
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Words)),
        _ => "",
    };

    private static string Text(string text)
    {
        if (text.StartsWith(EvidenceStore.Folder + "/", StringComparison.Ordinal) && text.Count(c => c == '/') == 2)
            return $"Tệp minh chứng: {EvidenceStore.DisplayName(text)}";
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Display.Date(date);
        return text;
    }

    private static ScriptArray CriteriaRows(IEnumerable<CriterionResult> criteria, int depth, ScriptArray rows)
    {
        foreach (var c in criteria)
        {
            rows.Add(new ScriptObject
            {
                ["id"] = c.Id, ["title"] = c.Title, ["status"] = c.Status.ToVietnamese(), ["points"] = Display.Number(c.Points),
                ["max_points"] = c.MaxPoints, ["explanation"] = c.Explanation, ["depth"] = depth,
            });
            CriteriaRows(c.Children, depth + 1, rows);
        }
        return rows;
    }
}
