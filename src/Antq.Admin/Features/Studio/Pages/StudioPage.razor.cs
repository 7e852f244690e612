using System.Globalization;
using System.Text.Json.Nodes;
using Antq.Admin.Components;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Packs;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;

namespace Antq.Admin.Features.Studio.Pages;

/// <summary>
/// The pack studio: edits a draft's files through the engine's document model, autosaves with the
/// draft's revision (a stale save is a conflict, nothing overwritten), verifies after each change
/// with the upload's verification, previews the real generated form and publishes through the registry.
/// </summary>
public partial class StudioPage
{
    [Parameter] public string PackId { get; set; } = "";

    [SupplyParameterFromQuery(Name = "ban-nhap")] public int? DraftId { get; set; }

    private static readonly (string Key, string Label)[] Tabs =
    [
        ("goi", "Thông tin gói"), ("bieu-mau", "Biểu mẫu"), ("tieu-chi", "Tiêu chí"), ("thoi-han", "Thời hạn"), ("kiem-thu", "Ca kiểm thử"), ("tep", "Tệp gốc"),
    ];

    private string? error;
    private bool busy;
    private List<DraftSummary>? drafts;
    private List<PackVersionView> versions = [];
    private DraftView? draft;
    private PackDocument? doc;
    private int revision;
    private string tab = "bieu-mau";
    private string saveState = "";
    private string? conflict;
    private DraftVerdict? verdict;
    private IReadOnlyList<PackError>? publishErrors;
    private FormSession? session;
    private int previewKey;
    private JsonObject previewData = new();
    private int year;
    private IReadOnlyList<StudioField> fields = [];
    private IReadOnlyList<StudioCriterion> criteria = [];
    private DraftAutosave? autosave;
    private CancellationTokenSource? typing;
    private int? loadedDraft;

    // Form designer
    private string? selectedField;
    private string? fieldMessage;
    private string? dragging;
    private string newParent = "", newSection = "", newName = "", newLabel = "", newWidget = "text", newSectionId = "", newSectionTitle = "";
    private bool newRequired;
    private string? visField;
    private string visValue = "";
    private string testValueAll = "";

    // Criteria designer
    private string? selectedCriterion;
    private string? newCriterionId;
    private string shape = "compare";
    private string? shapeA, shapeB, shapeColumn, shapeColumnValue;
    private string shapeValue = "";
    private Comparison shapeOp = Comparison.GreaterOrEqual;
    private string? shapeMessage;
    private string expression = "";
    private PackError? expressionError;
    private bool expressionChecking;

    // Tests and raw files
    private string testName = "";
    private Dictionary<string, string>? pendingTest;
    private string? rawFile;
    private string rawText = "";
    private string? newFileName;

    private StudioCriterion? Current => criteria.FirstOrDefault(c => c.Id == selectedCriterion);

    /// <summary>The sub-criterion being built inside the selected criterion: indices into nested <c>Rules</c> (empty: the criterion itself).</summary>
    private List<int> subPath = [];

    /// <summary>The rule whose condition the pickers and the expression box edit.</summary>
    private JsonObject? Node => Current is { } c ? NodeIn(c.Rule, subPath) : null;

    private static JsonObject? NodeIn(JsonObject rule, IReadOnlyList<int> path)
    {
        var node = rule;
        foreach (var i in path)
        {
            if (node["Rules"] is not JsonArray children || i >= children.Count || children[i] is not JsonObject child) return null;
            node = child;
        }
        return node;
    }

    private string NodeExpressionLocation =>
        PackError.At(PackDocument.Rules, Current!.Pointer + string.Concat(subPath.Select(i => $"/Rules/{i}")) + "/Expression");

    private string VerdictText => verdict is null ? "Đang kiểm tra…"
        : verdict.Ok ? $"Hợp lệ, {verdict.Tests.Count} ca kiểm thử đạt (kiểm tra trong {verdict.Elapsed.TotalMilliseconds:F0} ms)"
        : $"{verdict.Errors.Count} lỗi, {verdict.Tests.Count(t => !t.Passed)} ca kiểm thử không đạt";

    protected override void OnInitialized() =>
        autosave = new DraftAutosave(SaveOnceAsync, Dispatch, TimeSpan.FromMilliseconds(600))
        {
            AfterSave = async () =>
            {
                await VerifyAsync();
                StateHasChanged();
            },
        };

    /// <summary>The autosave's timer runs on the circuit; a failure is shown, not lost.</summary>
    private Task Dispatch(Func<Task> work) => InvokeAsync(async () =>
    {
        try { await work(); }
        catch (Exception e)
        {
            saveState = "Lỗi khi lưu hoặc kiểm tra: " + e.Message;
            StateHasChanged();
        }
    });

    protected override async Task OnParametersSetAsync()
    {
        if (DraftId is null)
        {
            (draft, doc, loadedDraft) = (null, null, null);
            await LoadStartAsync();
            return;
        }
        if (loadedDraft == DraftId) return;
        loadedDraft = DraftId;
        await LoadDraftAsync(DraftId.Value);
    }

    private async Task LoadStartAsync()
    {
        var list = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().ListAsync(PackId, CancellationToken.None), notify: false);
        if (!list.Ok) { error = list.Error; return; }
        drafts = list.Value!.ToList();
        var stored = await Ops.RunAsync(sp => sp.GetRequiredService<PackQueries>().VersionsAsync(PackId, CancellationToken.None), notify: false);
        versions = stored.Ok ? stored.Value!.Reverse().ToList() : [];
    }

    private async Task StartAsync(string version)
    {
        busy = true;
        var started = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().StartFromVersionAsync(PackId, version, CancellationToken.None));
        busy = false;
        if (started.Ok) Navigation.NavigateTo($"/goi-tieu-chi/{Uri.EscapeDataString(PackId)}/soan?ban-nhap={started.Value!.Id}");
    }

    private async Task LoadDraftAsync(int id)
    {
        var loaded = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().GetAsync(id, CancellationToken.None), notify: false);
        if (!loaded.Ok) { error = loaded.Error; return; }
        error = null;
        draft = loaded.Value!;
        doc = new PackDocument(draft.Files);
        revision = draft.Revision;
        autosave!.Reset();
        conflict = null;
        saveState = $"Đã lưu (lần lưu {revision})";
        year = await Ops.RunAsync(sp => Task.FromResult(sp.GetRequiredService<StudioDrafts>().Year), notify: false) is { Ok: true } y ? y.Value : DateTime.UtcNow.Year;
        Refresh();
        selectedCriterion ??= criteria.Count > 0 ? criteria[0].Id : null;
        LoadExpression();
        newSection = Sections().FirstOrDefault().Id ?? "";
        await VerifyAsync();
    }

    private async Task ReloadAsync()
    {
        loadedDraft = null;
        await LoadDraftAsync(DraftId!.Value);
    }

    /// <summary>Re-reads the lists the designers show from the document.</summary>
    private void Refresh()
    {
        fields = StudioCheck.Fields(doc!.Text(PackDocument.Schema) ?? "{}", Checks);
        criteria = StudioModel.Criteria(doc);
    }

    /// <summary>After every edit: autosave and re-verify, debounced.</summary>
    private void Changed()
    {
        Refresh();
        publishErrors = null;
        saveState = "Có thay đổi chưa lưu…";
        autosave!.Touch();
    }

    /// <summary>Saves what is unsaved now (one save at a time, so the page never conflicts with itself).</summary>
    private Task<bool> SaveAsync() => autosave!.FlushAsync();

    /// <summary>Leaving the studio inside the app: an edit typed just before is saved first.</summary>
    private async Task BeforeLeaveAsync(LocationChangingContext context)
    {
        if (autosave?.Unsaved == true) await SaveAsync();
    }

    private async Task<bool> SaveOnceAsync()
    {
        if (doc is null || draft is null || conflict is not null) return false;
        var files = new Dictionary<string, string>(doc.Files);
        var saved = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().SaveAsync(draft.Id, revision, files, CancellationToken.None), notify: false);
        if (!saved.Ok) { saveState = saved.Error ?? "Không lưu được."; return false; }
        switch (saved.Value)
        {
            case DraftSaveOutcome.Saved ok:
                revision = ok.Revision;
                // Edits made while this save was in flight are saved by the next one.
                saveState = SameFiles(files) ? $"Đã lưu lúc {Display.DateTime(ok.UpdatedAt)} (lần lưu {revision})" : "Có thay đổi chưa lưu…";
                return true;
            case DraftSaveOutcome.Conflict c:
                conflict = c.Message;
                saveState = "Chưa lưu: có xung đột";
                return false;
            case DraftSaveOutcome.Refused r:
                saveState = "Chưa lưu: " + string.Join("; ", r.Errors.Select(e => e.Message));
                return false;
        }
        return false;
    }

    private bool SameFiles(Dictionary<string, string> files) =>
        files.Count == doc!.Files.Count && files.All(f => doc.Text(f.Key) == f.Value);

    private async Task VerifyAsync()
    {
        if (doc is null) return;
        var files = new Dictionary<string, string>(doc.Files);
        var result = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().VerifyAsync(files, CancellationToken.None), notify: false);
        if (!result.Ok) { saveState = result.Error ?? saveState; return; }
        verdict = result.Value!;
        if (verdict.Preview is { } pack)
        {
            var unit = new UnitInfo(doc.Json(PackDocument.Manifest)?["unitKinds"]?.AsArray().FirstOrDefault()?.ToString() ?? "xa", "", "Đơn vị xem trước");
            session = new FormSession(pack, unit, year, (JsonObject)previewData.DeepClone(), readOnly: false);
            previewKey++;
        }
        else session = null;
    }

    private void OnPreviewChanged(string pointer)
    {
        if (session is not null) previewData = (JsonObject)session.Data.DeepClone();
    }

    // ---- manifest ----
    private string Manifest(string key) => doc!.Json(PackDocument.Manifest)?[key]?.ToString() ?? "";

    private string ManifestList(string key, string separator) =>
        string.Join(separator, (doc!.Json(PackDocument.Manifest)?[key] as JsonArray ?? []).Select(v => v?.ToString()));

    private void SetManifest(string key, object? value)
    {
        var manifest = doc!.Json(PackDocument.Manifest) ?? new JsonObject();
        manifest[key] = value?.ToString() ?? "";
        doc.SetJson(PackDocument.Manifest, manifest);
        Changed();
    }

    private void SetManifestList(string key, object? value, string separator)
    {
        var manifest = doc!.Json(PackDocument.Manifest) ?? new JsonObject();
        manifest[key] = new JsonArray((value?.ToString() ?? "").Split(separator[0]).Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => (JsonNode)s).ToArray());
        doc.SetJson(PackDocument.Manifest, manifest);
        Changed();
    }

    private List<JsonObject> Outcomes() => (doc!.Json(PackDocument.Manifest)?["outcome"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private void SetOutcome(int index, string key, object? value)
    {
        var manifest = doc!.Json(PackDocument.Manifest)!;
        manifest["outcome"]![index]![key] = value?.ToString() ?? "";
        doc.SetJson(PackDocument.Manifest, manifest);
        Changed();
    }

    // ---- form ----
    private JsonObject Schema() => (JsonObject)doc!.Json(PackDocument.Schema)!;

    private IEnumerable<(string Id, string Title)> Sections() =>
        (doc!.Json(PackDocument.Schema)?["x-ui"]?["sections"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => (s["id"]?.ToString() ?? "", s["title"]?.ToString() ?? ""));

    private JsonObject? FieldSchema(string path) => doc!.Json(PackDocument.Schema) is JsonObject root ? FormDesign.At(root, path) : null;

    private void SelectField(string path)
    {
        selectedField = path;
        fieldMessage = null;
        visField = null;
        visValue = "";
    }

    private void EditSchema(Action<JsonObject> edit)
    {
        fieldMessage = null;
        var root = Schema();
        try { edit(root); }
        catch (ArgumentException e) { fieldMessage = e.Message; return; }
        doc!.SetJson(PackDocument.Schema, root);
        Changed();
    }

    private void AddField()
    {
        var path = newParent.Length == 0 ? newName.Trim() : newParent + "." + newName.Trim();
        EditSchema(root => FormDesign.Add(root, newParent, newName.Trim(), newWidget, newLabel.Trim().Length > 0 ? newLabel.Trim() : newName.Trim(), newParent.Length == 0 ? newSection : null, newRequired));
        if (fieldMessage is null) { SelectField(path); newName = ""; newLabel = ""; }
    }

    private void AddSection()
    {
        if (newSectionId.Trim().Length == 0) return;
        EditSchema(root =>
        {
            var ui = root["x-ui"] as JsonObject ?? new JsonObject();
            root["x-ui"] = ui;
            var sections = ui["sections"] as JsonArray ?? new JsonArray();
            ui["sections"] = sections;
            sections.Add(new JsonObject { ["id"] = newSectionId.Trim(), ["title"] = newSectionTitle.Trim().Length > 0 ? newSectionTitle.Trim() : newSectionId.Trim() });
        });
        newSection = newSectionId.Trim();
        (newSectionId, newSectionTitle) = ("", "");
    }

    private void RemoveField(string path)
    {
        var readers = FormDesign.Remove(doc!, path);
        if (readers.Count > 0)
        {
            fieldMessage = $"Không xóa được trường “{path}”: đang được đọc bởi {string.Join(", ", readers)}. Sửa các biểu thức đó trước.";
            return;
        }
        fieldMessage = null;
        if (selectedField == path) selectedField = null;
        Changed();
    }

    private void MoveField(string path, int delta)
    {
        var siblings = Siblings(path);
        var index = siblings.IndexOf(path);
        if (index < 0) return;
        EditSchema(root => FormDesign.Move(root, path, index + delta));
    }

    private void DropOn(string target)
    {
        if (dragging is null || dragging == target) return;
        var siblings = Siblings(dragging);
        var index = siblings.IndexOf(target);
        if (index < 0) { fieldMessage = "Chỉ kéo thả được trong cùng mục hoặc cùng nhóm."; return; }
        var moved = dragging;
        dragging = null;
        EditSchema(root => FormDesign.Move(root, moved, index));
    }

    /// <summary>The fields sharing a section (root) or a group with <paramref name="path"/>, in their displayed order.</summary>
    private List<string> Siblings(string path)
    {
        var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "";
        var section = FieldSchema(path)?["x-ui"]?["section"]?.ToString();
        return fields.Where(f => (f.Path.Contains('.') ? f.Path[..f.Path.LastIndexOf('.')] : "") == parent
                && (parent.Length > 0 || FieldSchema(f.Path)?["x-ui"]?["section"]?.ToString() == section))
            .OrderBy(f => FieldSchema(f.Path)?["x-ui"]?["order"]?.GetValue<int>() ?? 0).Select(f => f.Path).ToList();
    }

    private bool IsRequired(string path)
    {
        var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "";
        var name = path[(path.LastIndexOf('.') + 1)..];
        var container = FieldSchema(parent) is { } p && p["items"] is JsonObject items ? items : FieldSchema(parent);
        return (container?["required"] as JsonArray ?? []).Any(r => r?.ToString() == name);
    }

    private void SetRequired(object? value) => EditSchema(root => FormDesign.SetRequired(root, selectedField!, value is true || value?.ToString() == "True"));

    private void SetFieldProp(string key, object? value) => EditSchema(root =>
    {
        var field = FormDesign.At(root, selectedField!)!;
        var text = value?.ToString() ?? "";
        if (text.Length == 0) field.Remove(key); else field[key] = text;
    });

    private void SetFieldNumber(string key, object? value) => EditSchema(root =>
    {
        var field = FormDesign.At(root, selectedField!)!;
        var text = (value?.ToString() ?? "").Trim().Replace(',', '.');
        if (text.Length == 0) field.Remove(key);
        else if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) field[key] = l;
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) field[key] = d;
        else throw new ArgumentException($"“{value}” không phải là số.");
    });

    private static string OptionsText(JsonObject field) =>
        string.Join("\n", ((field["oneOf"] ?? field["items"]?["oneOf"]) as JsonArray ?? []).Select(o => $"{o?["const"]}|{o?["title"]}"));

    private void SetOptions(object? value) => EditSchema(root =>
    {
        var field = FormDesign.At(root, selectedField!)!;
        var options = new JsonArray((value?.ToString() ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => (JsonNode)new JsonObject { ["const"] = l.Split('|')[0].Trim(), ["title"] = (l.Contains('|') ? l[(l.IndexOf('|') + 1)..] : l).Trim() }).ToArray());
        if (field["items"] is JsonObject items && items["oneOf"] is not null) items["oneOf"] = options; else field["oneOf"] = options;
    });

    private FieldKind FieldKindOf(string path) => fields.FirstOrDefault(f => f.Path == path)?.Kind ?? FieldKind.Unknown;

    private void FillTests()
    {
        foreach (var (file, _, _) in StudioModel.TestValues(doc!, selectedField!))
            StudioModel.SetTestValue(doc!, file, selectedField!, testValueAll, FieldKindOf(selectedField!));
        Changed();
    }

    private void SetTestValue(string file, object? value)
    {
        StudioModel.SetTestValue(doc!, file, selectedField!, value?.ToString() ?? "", FieldKindOf(selectedField!));
        Changed();
    }

    private void SetVisibleWhen() => EditSchema(root =>
    {
        if (string.IsNullOrEmpty(visField)) { FormDesign.SetVisibleWhen(root, selectedField!, null); return; }
        var kind = fields.First(f => f.Path == visField).Kind;
        FormDesign.SetVisibleWhen(root, selectedField!, CriterionShapes.CompareValue(visField, Comparison.Equal, StudioModel.Value(visValue, kind)));
    });

    // ---- criteria ----
    private void SelectCriterion(string? id)
    {
        selectedCriterion = id;
        subPath = [];
        shapeMessage = null;
        LoadExpression();
    }

    private void LoadExpression()
    {
        expression = Node?["Expression"]?.ToString() ?? "";
        expressionError = null;
        if (expression.Length > 0) _ = CheckExpressionAsync(expression, CancellationToken.None);
    }

    private void EditRule(Action<JsonObject> edit)
    {
        if (Current is not { } c) return;
        var rule = (JsonObject)c.Rule.DeepClone();
        edit(rule);
        StudioModel.SetRule(doc!, c.Workflow, c.Index, rule);
        selectedCriterion = rule["RuleName"]?.ToString();
        Changed();
    }

    private void SetRule(string key, object? value) => EditRule(rule => rule[key] = value?.ToString() ?? "");

    /// <summary>Edits the selected sub-criterion (or the criterion itself) inside a copy of the criterion.</summary>
    private void EditNode(Action<JsonObject> edit)
    {
        var path = subPath.ToList();
        EditRule(rule => edit(NodeIn(rule, path) ?? throw new InvalidOperationException("The sub-criterion is gone.")));
    }

    private void SetNode(string key, object? value) => EditNode(node => node[key] = value?.ToString() ?? "");

    private void SetNodeTitle(object? value) => EditNode(node =>
    {
        var props = node["Properties"] as JsonObject ?? new JsonObject();
        node["Properties"] = props;
        props["title"] = value?.ToString() ?? "";
    });

    private void OpenSub(int index)
    {
        subPath.Add(index);
        shapeMessage = null;
        LoadExpression();
    }

    private void UpTo(int depth)
    {
        subPath = subPath.Take(depth).ToList();
        shapeMessage = null;
        LoadExpression();
    }

    /// <summary>A new sub-criterion, built by choosing like any other (first yes/no field of the form to start with).</summary>
    private void AddSub()
    {
        var parent = Node;
        if (parent?["Rules"] is not JsonArray children) return;
        var id = NewChildId(parent["RuleName"]?.ToString() ?? "TC", children);
        var title = parent["Properties"]?["title"]?.ToString() ?? "";
        EditNode(node => ((JsonArray)node["Rules"]!).Add(CriterionShapes.Rule(id, $"{title} — ý {children.Count + 1}", null, DefaultCondition())));
        OpenSub(children.Count);
    }

    private void RemoveSub(int index)
    {
        if (Node?["Rules"] is JsonArray { Count: <= 1 })
        {
            shapeMessage = "Tiêu chí gộp cần ít nhất một tiêu chí con; muốn bỏ hẳn, hãy dựng một điều kiện cho tiêu chí này.";
            return;
        }
        EditNode(node => ((JsonArray)node["Rules"]!).RemoveAt(index));
    }

    private static string NewChildId(string parent, JsonArray siblings)
    {
        var taken = siblings.Select(s => s?["RuleName"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        var n = siblings.Count + 1;
        while (taken.Contains($"{parent}.{n}")) n++;
        return $"{parent}.{n}";
    }

    /// <summary>The condition a new criterion starts with: the first yes/no field is "yes" (or always met when the form has none).</summary>
    private string DefaultCondition() =>
        fields.FirstOrDefault(f => f.Kind == FieldKind.Boolean && !f.InTable)?.Path is { } flag ? CriterionShapes.IsYes(flag) : "true";

    private void SetRuleProp(string key, object? value) => EditRule(rule =>
    {
        var props = rule["Properties"] as JsonObject ?? new JsonObject();
        rule["Properties"] = props;
        var text = value?.ToString() ?? "";
        if (text.Length == 0) props.Remove(key); else props[key] = text;
    });

    private void SetRuleNumber(string key, object? value) => EditRule(rule =>
    {
        var props = rule["Properties"] as JsonObject ?? new JsonObject();
        rule["Properties"] = props;
        props[key] = double.TryParse((value?.ToString() ?? "0").Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
    });

    private void AddCriterion()
    {
        var id = (newCriterionId ?? "").Trim();
        if (id.Length == 0 || criteria.Any(c => c.Id == id)) { shapeMessage = "Nhập mã tiêu chí mới chưa dùng."; return; }
        var rule = CriterionShapes.Rule(id, $"Tiêu chí {id}", null, DefaultCondition());
        StudioModel.SetRule(doc!, StudioModel.WorkflowIndex(doc!), int.MaxValue, rule);
        newCriterionId = null;
        Changed();
        SelectCriterion(id);
    }

    private void RemoveCriterion()
    {
        if (Current is not { } c) return;
        StudioModel.SetRule(doc!, c.Workflow, c.Index, null);
        Changed();
        SelectCriterion(criteria.Count > 0 ? criteria[0].Id : null);
    }

    private void ApplyShape()
    {
        shapeMessage = null;
        try
        {
            var op = shapeOp;
            string Need(string? path, string what) => string.IsNullOrEmpty(path) ? throw new ArgumentException($"Chưa chọn {what}.") : path;
            FieldKind KindOf(string path) => fields.First(f => f.Path == path).Kind;
            double Number(string text) => double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new ArgumentException($"“{text}” không phải là số.");
            if (shape == "all")
            {
                var parentId = Node?["RuleName"]?.ToString() ?? "TC";
                var ids = shapeValue.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
                if (ids.Count == 0) ids = [$"{parentId}.1", $"{parentId}.2"];
                if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count) throw new ArgumentException("Mã các tiêu chí con phải khác nhau.");
                var condition = DefaultCondition();
                EditNode(rule =>
                {
                    var title = rule["Properties"]?["title"]?.ToString() ?? "";
                    rule.Remove("Expression");
                    rule["Operator"] = shapeB == "Or" ? "Or" : "And";
                    rule["Rules"] = new JsonArray(ids.Select((id, i) => (JsonNode)CriterionShapes.Rule(id, $"{title} — ý {i + 1}", null, condition)).ToArray());
                });
                shapeValue = "";
                return;
            }
            var text = shape switch
            {
                "compare" => CriterionShapes.CompareValue(Need(shapeA, "trường"), op, StudioModel.Value(shapeValue, KindOf(shapeA!))),
                "fields" => CriterionShapes.CompareFields(Need(shapeA, "trường"), op, Need(shapeB, "trường so sánh")),
                "percent" => CriterionShapes.Percentage(Need(shapeA, "trường tử số"), Need(shapeB, "trường mẫu số"), op, Number(shapeValue)),
                "count" => CriterionShapes.CountRows(Need(shapeA, "bảng"), string.IsNullOrWhiteSpace(shapeColumn) ? null : shapeColumn.Trim(), Comparison.Equal,
                    ColumnValue(shapeA!, shapeColumn, shapeColumnValue), op, (int)Number(shapeValue)),
                _ => CriterionShapes.IsYes(Need(shapeA, "trường có/không")),
            };
            expression = text;
            ApplyExpression();
        }
        catch (ArgumentException e) { shapeMessage = e.Message; }
    }

    private object? ColumnValue(string table, string? column, string? text)
    {
        if (string.IsNullOrWhiteSpace(column)) return null;
        var kind = fields.FirstOrDefault(f => f.Path == table + "." + column.Trim())?.Kind ?? FieldKind.String;
        return StudioModel.Value(text ?? "", kind);
    }

    private void ApplyExpression()
    {
        var text = expression;
        // A condition replaces the sub-criteria it had, if any.
        EditNode(rule =>
        {
            rule.Remove("Rules");
            rule.Remove("Operator");
            rule["Expression"] = text;
        });
        _ = CheckExpressionAsync(text, CancellationToken.None);
    }

    private void OnExpressionInput(ChangeEventArgs e)
    {
        expression = e.Value?.ToString() ?? "";
        typing?.Cancel();
        typing = new CancellationTokenSource();
        var token = typing.Token;
        var text = expression;
        expressionChecking = true;
        _ = InvokeAsync(async () =>
        {
            try { await Task.Delay(250, token); }
            catch (TaskCanceledException) { return; }
            await CheckExpressionAsync(text, token);
            StateHasChanged();
        });
    }

    private async Task CheckExpressionAsync(string text, CancellationToken token)
    {
        if (Current is null || Node is null || doc is null) return;
        var schema = doc.Text(PackDocument.Schema) ?? "{}";
        var location = NodeExpressionLocation;
        var result = await Ops.RunAsync(sp => sp.GetRequiredService<StudioExpressions>().CheckAsync(schema, text, location, CancellationToken.None), notify: false);
        if (token.IsCancellationRequested) return;
        expressionChecking = false;
        expressionError = result.Ok ? result.Value : new PackError(location, "studio.unavailable", result.Error ?? "");
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>Field paths completing the last <c>form.…</c> word being typed.</summary>
    private IEnumerable<string> Suggestions()
    {
        var match = System.Text.RegularExpressions.Regex.Match(expression, @"form\.([A-Za-z0-9_.]*)$");
        if (!match.Success) return [];
        var typed = match.Groups[1].Value;
        return fields.Where(f => !f.InTable && f.Path.StartsWith(typed, StringComparison.Ordinal) && f.Path != typed).Select(f => "form." + f.Path).Take(12);
    }

    private void Complete(string suggestion)
    {
        expression = System.Text.RegularExpressions.Regex.Replace(expression, @"form\.[A-Za-z0-9_.]*$", suggestion);
        OnExpressionInput(new ChangeEventArgs { Value = expression });
    }

    // ---- deadlines ----
    private List<JsonObject> DeadlineRows() => (doc!.Json(PackDocument.Deadlines) as JsonArray ?? []).OfType<JsonObject>().ToList();

    private void EditDeadlines(Action<JsonArray> edit)
    {
        var list = doc!.Json(PackDocument.Deadlines) as JsonArray ?? new JsonArray();
        edit(list);
        doc.SetJson(PackDocument.Deadlines, list);
        Changed();
    }

    private void SetDeadline(int index, string key, object? value) => EditDeadlines(list =>
    {
        var text = value?.ToString()?.Trim() ?? "";
        var row = (JsonObject)list[index]!;
        if (key == "remind") row[key] = new JsonArray(text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => (JsonNode)s).ToArray());
        else if (text.Length == 0 && key == "escalateAfter") row.Remove(key);
        else row[key] = text;
    });

    private void AddDeadline() => EditDeadlines(list => list.Add(new JsonObject
    {
        ["id"] = $"thoi-han-{list.Count + 1}", ["title"] = "Thời hạn mới", ["due"] = "12-15", ["stage"] = "submitted", ["remind"] = new JsonArray("P7D"), ["escalateAfter"] = "P1D",
    }));

    private void RemoveDeadline(int index) => EditDeadlines(list => list.RemoveAt(index));

    // ---- tests ----
    private void StartTestCase()
    {
        if (session is null) return;
        pendingTest = StudioModel.Flatten(session.Evaluation.Criteria).ToDictionary(c => c.Id, c => c.Status.ToWire());
    }

    private void SaveTestCase()
    {
        if (session is null || pendingTest is null) return;
        var name = testName.Trim().Length > 0 ? testName.Trim() : $"Ca kiểm thử {DateTime.Now:dd/MM HH:mm}";
        var file = StudioModel.NewTestFile(doc!, name);
        doc!.SetJson(file, StudioModel.TestCase(name, session.Unit, session.Year, session.Data, session.Evaluation, pendingTest));
        pendingTest = null;
        testName = "";
        Changed();
        saveState = $"Đã thêm {file}; đang lưu…";
    }

    private void RemoveFile(string name)
    {
        doc!.Remove(name);
        if (rawFile == name) (rawFile, rawText) = (null, "");
        Changed();
    }

    // ---- raw files ----
    private void SelectRaw(string? name)
    {
        rawFile = name;
        rawText = name is null ? "" : doc!.Text(name) ?? "";
    }

    private void ApplyRaw()
    {
        if (rawFile is null) return;
        doc!.SetText(rawFile, rawText);
        Changed();
    }

    private void AddFile()
    {
        var name = (newFileName ?? "").Trim();
        if (name.Length == 0 || doc!.Text(name) is not null) return;
        doc.SetText(name, name.EndsWith(".json", StringComparison.Ordinal) ? "{}\n" : "");
        newFileName = null;
        SelectRaw(name);
        Changed();
    }

    // ---- errors at their place ----
    private int ErrorsIn(string tabKey) => (publishErrors ?? verdict?.Errors ?? []).Count(e => TabOf(e) == tabKey);

    private static string TabOf(PackError e) => e.Path switch
    {
        var p when p.StartsWith(PackDocument.Rules, StringComparison.Ordinal) => "tieu-chi",
        var p when p.StartsWith(PackDocument.Schema, StringComparison.Ordinal) => "bieu-mau",
        var p when p.StartsWith(PackDocument.Deadlines, StringComparison.Ordinal) => "thoi-han",
        var p when p.StartsWith("tests/", StringComparison.Ordinal) => "kiem-thu",
        var p when p.StartsWith(PackDocument.Manifest, StringComparison.Ordinal) => "goi",
        _ => "tep",
    };

    private void GoTo(PackError e)
    {
        tab = TabOf(e);
        var match = System.Text.RegularExpressions.Regex.Match(e.Path, @"^rules\.json#/(\d+)/Rules/(\d+)");
        if (match.Success && criteria.FirstOrDefault(c => c.Workflow == int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) && c.Index == int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) is { } c)
        {
            SelectCriterion(c.Id);
            // An error inside a sub-criterion opens that sub-criterion.
            var nested = System.Text.RegularExpressions.Regex.Matches(e.Path[match.Length..].Split('(')[0], @"/Rules/(\d+)");
            subPath = nested.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            if (Node is null) subPath = [];
            LoadExpression();
        }
        if (tab == "tep") SelectRaw(e.Path.Split('#', '(')[0]);
    }

    // ---- import, publish ----
    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (!await SaveAsync() && conflict is not null) return;
        using var buffer = new MemoryStream();
        await e.File.OpenReadStream(PackAdministration.MaxArchiveBytes).CopyToAsync(buffer);
        buffer.Position = 0;
        var id = draft!.Id;
        var imported = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().ImportAsync(id, revision, buffer, CancellationToken.None));
        if (imported.Ok && imported.Value is DraftSaveOutcome.Refused refused) publishErrors = refused.Errors;
        else if (imported.Ok) await ReloadAsync();
    }

    private async Task PublishAsync()
    {
        busy = true;
        try
        {
            if (!await SaveAsync()) return;
            var id = draft!.Id;
            var rev = revision;
            var published = await Ops.RunAsync(sp => sp.GetRequiredService<StudioDrafts>().PublishAsync(id, rev, CancellationToken.None));
            if (!published.Ok) return;
            if (published.Value!.Conflict is DraftSaveOutcome.Conflict c) { conflict = c.Message; return; }
            switch (published.Value.Upload)
            {
                case UploadOutcome.Created created:
                    Navigation.NavigateTo($"/goi-tieu-chi/{Uri.EscapeDataString(created.PackId)}?phien-ban={Uri.EscapeDataString(created.Version)}");
                    break;
                case UploadOutcome.AlreadyStored stored:
                    Navigation.NavigateTo($"/goi-tieu-chi/{Uri.EscapeDataString(stored.PackId)}?phien-ban={Uri.EscapeDataString(stored.Version)}");
                    break;
                case UploadOutcome.Conflict taken:
                    publishErrors = [new PackError(PackError.At(PackDocument.Manifest, "/version"), "pack.version-taken", taken.Message)];
                    break;
                case UploadOutcome.Refused refused:
                    publishErrors = refused.Errors;
                    break;
            }
        }
        finally { busy = false; }
    }

    public void Dispose()
    {
        // Closing the page with the debounce pending (e.g. a link followed right after typing): save now.
        if (autosave?.Unsaved == true) _ = SaveAsync();
        autosave?.Dispose();
        typing?.Cancel();
        GC.SuppressFinalize(this);
    }
}
