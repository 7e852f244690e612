using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Forms;
using Json.Schema;

namespace Antq.FormEngine.Packs;

/// <summary>Checks pack.json against the manifest schema the engine owns, then reads it.</summary>
internal static class ManifestReader
{
    private const string File = "pack.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(ManifestReader).Assembly.GetManifestResourceStream("Antq.FormEngine.pack.schema.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });


    public static (PackManifest? Manifest, IReadOnlyList<PackError> Errors) Read(JsonNode? node, JsonElement element)
    {
        var errors = new List<PackError>();
        var results = Schema.Value.Evaluate(element, SchemaResults.Hierarchical);
        if (!results.IsValid)
        {
            foreach (var detail in SchemaResults.FailingNodes(results))
                foreach (var (keyword, english) in detail.Errors!)
                    errors.Add(new PackError(PackError.At(File, detail.InstanceLocation.ToString()), "manifest.invalid", Message(keyword, english, detail.InstanceLocation.ToString())));
            return (null, errors);
        }
        var o = (JsonObject)node!;
        DateOnly? effectiveFrom = null;
        if (o["effectiveFrom"] is JsonValue ef)
        {
            if (DateOnly.TryParseExact(ef.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) effectiveFrom = date;
            else errors.Add(new PackError(PackError.At(File, "/effectiveFrom"), "manifest.date", $"\"effectiveFrom\" không phải ngày có thật: {ef.GetValue<string>()}."));
        }
        var outcome = ((JsonArray)o["outcome"]!).Select(x => new OutcomeLevel(x!["id"]!.GetValue<string>(), x["title"]!.GetValue<string>(), x["when"]!.GetValue<string>())).ToList();
        var documents = (o["documents"] as JsonArray ?? []).Select((x, i) => Document(x!, i, errors)).ToList();
        var facts = (o["facts"] as JsonArray ?? []).Select(x => new Evaluation.FactDeclaration(x!["id"]!.GetValue<string>(), x["title"]!.GetValue<string>(), x["fills"]!.GetValue<string>())).ToList();
        Unique(facts.Select(f => f.Id), "/facts", "manifest.duplicate-fact", "Dữ kiện", errors);
        Unique(outcome.Select(l => l.Id), "/outcome", "manifest.duplicate-outcome", "Mức kết quả", errors);
        Unique(documents.Select(d => d.Id), "/documents", "manifest.duplicate-document", "Văn bản", errors);
        var manifest = new PackManifest(1, o["id"]!.GetValue<string>(), o["version"]!.GetValue<string>(), o["title"]!.GetValue<string>(),
            Strings(o["legalBasis"]), Strings(o["unitKinds"]), effectiveFrom, o["recognisedBy"]!.GetValue<string>(),
            o["workflow"]!.GetValue<string>(), outcome, documents) { Facts = facts, Recognition = Recognition(o["recognition"] as JsonArray, errors) };
        return (errors.Count == 0 ? manifest : null, errors);
    }

    private static DocumentRef Document(JsonNode x, int i, List<PackError> errors)
    {
        var document = new DocumentRef(x["id"]!.GetValue<string>(), x["title"]!.GetValue<string>(), x["template"]!.GetValue<string>(), x["requiredAtSubmit"]?.GetValue<bool>() ?? false);
        if (x["requiredRoles"] is not JsonArray roles) return document;
        // The roles name the attendees of the unit's own meeting, which only minutes required at submission record.
        if (!document.RequiredAtSubmit)
            errors.Add(new PackError(PackError.At(File, $"/documents/{i}/requiredRoles"), "manifest.meeting-roles",
                $"Văn bản \"{document.Id}\" khai báo \"requiredRoles\" nhưng không phải biên bản cuộc họp đánh giá bắt buộc khi gửi hồ sơ (thiếu \"requiredAtSubmit\": true)."));
        for (var j = 0; j < roles.Count; j++)
            if (roles[j]!.GetValue<string>() is var role && !Documents.MeetingRoles.IsKnown(role))
                errors.Add(new PackError(PackError.At(File, $"/documents/{i}/requiredRoles/{j}"), "manifest.meeting-role",
                    $"Thành phần \"{role}\" không có trong danh mục thành phần cuộc họp đánh giá; dùng một trong: {string.Join(", ", Documents.MeetingRoles.All.Select(r => r.Id))}."));
        return document with { RequiredRoles = Strings(roles) };
    }

    private static List<RecognitionRule> Recognition(JsonArray? rows, List<PackError> errors)
    {
        var rules = new List<RecognitionRule>();
        for (var i = 0; i < (rows?.Count ?? 0); i++)
        {
            var x = rows![i]!;
            DateOnly? Date(string name)
            {
                if (x[name] is not JsonValue v) return null;
                if (DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                errors.Add(new PackError(PackError.At(File, $"/recognition/{i}/{name}"), "manifest.date", $"\"{name}\" không phải ngày có thật: {v.GetValue<string>()}."));
                return null;
            }
            rules.Add(new RecognitionRule(Strings(x["unitKinds"]), Strings(x["managedAt"]), x["by"]!.GetValue<string>(), Date("from"), Date("until"),
                x["delegable"] is JsonValue dv && dv.GetValue<bool>()));
        }
        return rules;
    }

    private static void Unique(IEnumerable<string> ids, string pointer, string code, string what, List<PackError> errors)
    {
        foreach (var group in ids.Select((id, i) => (id, i)).GroupBy(x => x.id).Where(g => g.Count() > 1))
            errors.Add(new PackError(PackError.At(File, $"{pointer}/{group.Last().i}/id"), code, $"{what} \"{group.Key}\" bị trùng mã."));
    }

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();

    private static string Message(string keyword, string english, string pointer)
    {
        var field = pointer.Length == 0 ? "pack.json" : $"\"{pointer.TrimStart('/')}\"";
        return keyword switch
        {
            "required" => $"pack.json thiếu trường bắt buộc: {english.Replace("Required properties ", "").Replace(" are not present", "")}.",
            "additionalProperties" or "" or "false" => $"Trường {field} không có trong định dạng pack.json (format 1).",
            "pattern" => pointer switch
            {
                "/id" => "\"id\" chỉ gồm chữ thường, số, dấu chấm và gạch nối, bắt đầu bằng chữ hoặc số (ví dụ qd9745.xa).",
                "/version" => "\"version\" phải theo SemVer (ví dụ 1.0.0).",
                _ => $"Trường {field} không đúng định dạng.",
            },
            "const" when pointer == "/format" => "\"format\" phải là 1 (định dạng gói tiêu chí phiên bản 1).",
            "type" => $"Trường {field} sai kiểu dữ liệu ({english}).",
            "minItems" => $"Trường {field} phải có ít nhất một phần tử.",
            "uniqueItems" => $"Trường {field} có phần tử trùng nhau.",
            "minLength" => $"Trường {field} không được để trống.",
            _ => $"Trường {field} không hợp lệ: {english}",
        };
    }
}
