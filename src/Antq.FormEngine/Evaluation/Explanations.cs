using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Evaluation;

/// <summary>
/// Writes a criterion's explanation in Vietnamese: the rule's own message (ErrorMessage when not
/// met, SuccessEvent when met) followed by the values the expression actually read.
/// </summary>
internal static class Explanations
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Met(Criterion criterion, FormModel form, List<(int FieldId, object? Value)> reads, Dictionary<int, string>? factNotes = null) =>
        WithValues(criterion.Definition.SuccessEvent ?? "Đạt", form, reads, factNotes);

    public static string NotMet(Criterion criterion, FormModel form, List<(int FieldId, object? Value)> reads, Dictionary<int, string>? factNotes = null) =>
        WithValues(criterion.Definition.ErrorMessage ?? "Chưa đạt", form, reads, factNotes);

    public static string Unavailable(FormField field, bool invalid) =>
        invalid
            ? $"Chưa đánh giá được: dữ liệu «{Name(field)}» không hợp lệ."
            : $"Chưa đánh giá được: thiếu dữ liệu «{Name(field)}».";

    public const string OutOfFuel = "Chưa đánh giá được: biểu thức vượt giới hạn khối lượng tính toán.";

    public static string Failed(Exception error) => error switch
    {
        DivideByZeroException => "Chưa đánh giá được: phép chia cho 0.",
        InvalidOperationException => "Chưa đánh giá được: danh sách rỗng hoặc không có mục phù hợp để tính.",
        OverflowException => "Chưa đánh giá được: giá trị vượt quá giới hạn số.",
        _ => "Chưa đánh giá được: lỗi khi tính biểu thức.",
    };

    public static string Combined(Criterion criterion, CriterionStatus status, IReadOnlyList<CriterionResult> children)
    {
        var d = criterion.Definition;
        string List(CriterionStatus s) => string.Join(", ", children.Where(c => c.Status == s).Select(c => c.Id));
        return status switch
        {
            CriterionStatus.Met => d.SuccessEvent ?? (criterion.IsOr ? $"Đạt (tiêu chí con đạt: {List(CriterionStatus.Met)})." : "Đạt tất cả tiêu chí con."),
            CriterionStatus.NotMet => (d.ErrorMessage ?? "Chưa đạt") + $" (tiêu chí con chưa đạt: {List(CriterionStatus.NotMet)}).",
            _ => $"Chưa đánh giá được: tiêu chí con {List(CriterionStatus.NotEvaluable)} thiếu dữ liệu.",
        };
    }

    /// <summary>The message and the values read; a value a hierarchy fact supplied says where it came from.</summary>
    private static string WithValues(string message, FormModel form, List<(int FieldId, object? Value)> reads, Dictionary<int, string>? factNotes)
    {
        // A plain loop over a pooled buffer (the handler rents it and gives it back): this runs for every criterion of every evaluation.
        DefaultInterpolatedStringHandler text = default;
        var any = false;
        foreach (var (fieldId, value) in reads)
        {
            var field = form.Fields[fieldId];
            if (value is null || field.Kind == FieldKind.Object) continue;
            if (!any)
            {
                text = new DefaultInterpolatedStringHandler(message.Length + 64, 0, CultureInfo.InvariantCulture);
                text.AppendFormatted(message.AsSpan().TrimEnd(". "));
                text.AppendLiteral(" — ");
                any = true;
            }
            else
            {
                text.AppendLiteral("; ");
            }
            text.AppendFormatted(Name(field));
            text.AppendLiteral(": ");
            text.AppendFormatted(Format(field, value));
            if (factNotes is not null && factNotes.TryGetValue(fieldId, out var note))
            {
                text.AppendLiteral(" (");
                text.AppendFormatted(note);
                text.AppendLiteral(")");
            }
        }
        return any ? text.ToStringAndClear() : message;
    }

    /// <summary>
    /// How a field is named to people: its label, followed by the short name of the group it belongs
    /// to when that is not the whole form — "Ngày ban hành (Nghị quyết của Đảng ủy xã)",
    /// "Đơn vị tự đánh giá đạt tiêu chí này (Tiêu chí 1)" — so two fields with one label stay apart.
    /// A group title "Tiêu chí 1 — Quán triệt…" is shortened to the part before the dash.
    /// </summary>
    public static string Name(FormField field) => field.NameForPeople ??= BuildName(field);

    private static string BuildName(FormField field)
    {
        var group = field.Parent;
        while (group is not null && group.Name == "*") group = group.Parent; // an array's item: name the array
        if (group is not { Parent: not null, Title: { } title }) return field.Label;
        var dash = title.IndexOf(" — ", StringComparison.Ordinal);
        var shortTitle = dash > 0 ? title[..dash] : title;
        return $"{field.Label} ({shortTitle})";
    }

    /// <summary>
    /// A value as people read it: a choice by its title, a date as dd/MM/yyyy, a number in vi-VN
    /// (a year or code ungrouped: <see cref="FormField.IsIdentifierNumber"/>), yes/no in words.
    /// </summary>
    public static string Format(FormField field, object? value)
    {
        if (value is null) return "(trống)";
        if (field.ChoiceTitle(value) is { } title) return title;
        return value switch
        {
            long l when field.IsIdentifierNumber => l.ToString(CultureInfo.InvariantCulture),
            double d when field.IsIdentifierNumber => d.ToString("0.##", CultureInfo.InvariantCulture),
            string s when field.IsDate && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            ICollection c when field.Item is { } item && c.Count is > 0 and <= 5 && c.Cast<object?>().All(v => v is string or bool or long or double)
                => string.Join(", ", c.Cast<object?>().Select(v => Format(item, v))),
            _ => Format(value),
        };
    }

    public static string Format(object? value) => value switch
    {
        null => "(trống)",
        bool b => b ? "có" : "không",
        double d => d.ToString("#,##0.##", Vietnamese),
        long l => l.ToString("#,##0", Vietnamese),
        string s => s.Length > 60 ? $"«{s[..57]}…»" : $"«{s}»",
        ICollection c => $"{c.Count} mục",
        _ => value.ToString() ?? "",
    };
}
