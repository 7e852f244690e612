using System.Text.Json;

namespace Antq.FormEngine.Deadlines;

/// <summary>
/// Reads deadlines.json (pack-format.md, plus the additive <c>opens</c>). Every problem is reported with
/// a JSON Pointer; only entries without problems are returned. Unknown properties are refused so that a
/// typo (<c>"escalteAfter"</c>) is an error rather than a silently missing escalation.
/// </summary>
public static class DeadlineParser
{
    private static readonly string[] Known = ["id", "title", "due", "stage", "remind", "escalateAfter", "opens"];

    public static (IReadOnlyList<DeadlineDefinition> Deadlines, IReadOnlyList<PackError> Errors) Parse(ReadOnlySpan<byte> json, string file = "deadlines.json")
    {
        var errors = new List<PackError>();
        var deadlines = new List<DeadlineDefinition>();
        // JsonDocument skips a BOM only when parsing a Stream; a file saved by Notepad may start with one.
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var (line, column) = ((ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
            errors.Add(new(PackError.AtText(file, (int)line, (int)column), "json.invalid", $"JSON trong “{file}” không hợp lệ ở dòng {line}, cột {column}."));
            return (deadlines, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new(file, "deadline.not-array", $"“{file}” phải là một mảng JSON các hạn ([ {{ \"id\": ... }} ])."));
                return (deadlines, errors);
            }
            var reader = new EntryReader(file, errors);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (reader.Read(element, $"/{index++}") is { } deadline)
                {
                    deadlines.Add(deadline);
                }
            }
        }
        return (deadlines, errors);
    }

    /// <summary>Reads one array element; keeps the ids seen so far to refuse duplicates.</summary>
    private sealed class EntryReader(string file, List<PackError> errors)
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public DeadlineDefinition? Read(JsonElement element, string pointer)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(pointer, "deadline.not-object", "Mỗi hạn phải là một đối tượng JSON ({ \"id\": ..., \"due\": ... }).");
                return null;
            }
            var before = errors.Count;
            CheckPropertyNames(element, pointer);

            var id = RequiredString(element, pointer, "id");
            if (id is not null)
            {
                CheckId(id, pointer);
            }
            var title = RequiredString(element, pointer, "title");
            if (title is not null && string.IsNullOrWhiteSpace(title))
            {
                Add(pointer + "/title", "deadline.title", "Tiêu đề của hạn không được để trống.");
            }
            var (dueMonth, dueDay) = MonthDay(RequiredString(element, pointer, "due"), pointer + "/due");
            var stage = RequiredString(element, pointer, "stage");
            if (stage is not null && DeadlineFields.CheckStage(stage) is { } stageError)
            {
                Add(pointer + "/stage", "deadline.stage", stageError);
            }
            var remind = Reminders(element, pointer);
            var escalate = OptionalString(element, pointer, "escalateAfter") is { } text ? Duration(text, pointer + "/escalateAfter") : null;
            (int Month, int Day)? opens = OptionalString(element, pointer, "opens") is { } opensText ? MonthDay(opensText, pointer + "/opens") : null;

            if (errors.Count != before)
            {
                return null;
            }
            return new DeadlineDefinition(id!, title!, dueMonth, dueDay, stage!, remind, escalate, opens?.Month, opens?.Day);
        }

        private void CheckPropertyNames(JsonElement element, string pointer)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = pointer + "/" + Escape(property.Name);
                if (!seen.Add(property.Name))
                {
                    Add(at, "deadline.duplicate-property", $"Thuộc tính “{property.Name}” xuất hiện hai lần.");
                }
                else if (!Known.Contains(property.Name))
                {
                    var close = Known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                    var hint = close is null ? $"các thuộc tính hợp lệ: {string.Join(", ", Known)}" : $"có phải là “{close}”?";
                    Add(at, "deadline.unknown-property", $"Thuộc tính “{property.Name}” không được hỗ trợ ({hint}).");
                }
            }
        }

        private void CheckId(string id, string pointer)
        {
            if (DeadlineFields.CheckId(id) is { } idError)
            {
                Add(pointer + "/id", "deadline.id", idError);
            }
            else if (!_ids.TryAdd(id, pointer))
            {
                Add(pointer + "/id", "deadline.duplicate-id", $"Mã “{id}” đã được dùng cho hạn ở {_ids[id]}; mỗi hạn phải có mã riêng.");
            }
        }

        private List<TimeSpan> Reminders(JsonElement element, string pointer)
        {
            var reminders = new List<TimeSpan>();
            var at = pointer + "/remind";
            if (!element.TryGetProperty("remind", out var array))
            {
                Add(at, "deadline.required", "Thiếu thuộc tính bắt buộc “remind” (danh sách thời điểm nhắc trước hạn, có thể để trống: []).");
                return reminders;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Add(at, "deadline.type", "“remind” phải là một mảng, ví dụ [\"P14D\", \"P7D\", \"P1D\"].");
                return reminders;
            }
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemAt = $"{at}/{index++}";
                if (item.ValueKind != JsonValueKind.String)
                {
                    Add(itemAt, "deadline.type", "Mỗi phần tử của “remind” phải là một chuỗi như \"P7D\".");
                }
                else if (Duration(item.GetString()!, itemAt) is { } duration)
                {
                    if (reminders.Contains(duration))
                    {
                        Add(itemAt, "deadline.duplicate-remind", $"Thời điểm nhắc “{item.GetString()}” bị lặp lại (trùng với một phần tử trước).");
                    }
                    reminders.Add(duration);
                }
            }
            return reminders;
        }

        private TimeSpan? Duration(string text, string at)
        {
            if (IsoDuration.TryParse(text, out var value, out var error))
            {
                return value;
            }
            Add(at, "deadline.duration", error);
            return null;
        }

        private (int Month, int Day) MonthDay(string? text, string at)
        {
            if (text is null)
            {
                return (0, 0);
            }
            if (DeadlineFields.ParseMonthDay(text, out var month, out var day) is { } error)
            {
                Add(at, "deadline.date", error);
                return (0, 0);
            }
            return (month, day);
        }

        private string? RequiredString(JsonElement element, string pointer, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                Add($"{pointer}/{name}", "deadline.required", $"Thiếu thuộc tính bắt buộc “{name}”.");
                return null;
            }
            return AsString(value, $"{pointer}/{name}", name);
        }

        /// <summary>An optional field may be absent or null; null reads as absent.</summary>
        private string? OptionalString(JsonElement element, string pointer, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? AsString(value, $"{pointer}/{name}", name)
                : null;

        private string? AsString(JsonElement value, string at, string name)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
            Add(at, "deadline.type", $"“{name}” phải là một chuỗi.");
            return null;
        }

        private void Add(string pointer, string code, string message) => errors.Add(new(PackError.At(file, pointer), code, message));

        private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
    }
}
