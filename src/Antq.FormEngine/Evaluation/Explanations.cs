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
            AppendValue(ref text, field, value);
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
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        AppendValue(ref text, field, value);
        return text.ToStringAndClear();
    }

    public static string Format(object? value)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        AppendValue(ref text, value);
        return text.ToStringAndClear();
    }

    /// <summary>
    /// <see cref="Format(FormField, object?)"/> written straight into an explanation's buffer (whose culture is the
    /// invariant one): every value of every explanation went through a string of its own before.
    /// </summary>
    private static void AppendValue(ref DefaultInterpolatedStringHandler text, FormField field, object? value)
    {
        if (value is null) text.AppendLiteral("(trống)");
        else if (field.ChoiceTitle(value) is { } title) text.AppendFormatted(title);
        else if (value is long l && field.IsIdentifierNumber) text.AppendFormatted(l);
        else if (value is double d && field.IsIdentifierNumber) text.AppendFormatted(d, "0.##");
        else if (value is string s && field.IsDate && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            text.AppendFormatted(date, "dd/MM/yyyy");
        else if (value is ICollection c && field.Item is { } item && c.Count is > 0 and <= 5 && c.Cast<object?>().All(v => v is string or bool or long or double))
            text.AppendFormatted(string.Join(", ", c.Cast<object?>().Select(v => Format(item, v))));
        else AppendValue(ref text, value);
    }

    private static void AppendValue(ref DefaultInterpolatedStringHandler text, object? value)
    {
        switch (value)
        {
            case null: text.AppendLiteral("(trống)"); break;
            case bool b: text.AppendLiteral(b ? "có" : "không"); break;
            case double d: AppendVietnamese(ref text, d, "#,##0.##"); break;
            case long l: AppendVietnamese(ref text, l, "#,##0"); break;
            case string s when s.Length > 60:
                text.AppendLiteral("«");
                text.AppendFormatted(s.AsSpan(0, 57));
                text.AppendLiteral("…»");
                break;
            case string s:
                text.AppendLiteral("«");
                text.AppendFormatted(s);
                text.AppendLiteral("»");
                break;
            case ICollection c:
                text.AppendFormatted(c.Count);
                text.AppendLiteral(" mục");
                break;
            default: text.AppendFormatted(value.ToString() ?? ""); break;
        }
    }

    /// <summary>A number in vi-VN digits and separators, formatted on the stack (the buffer's own culture is the invariant one).</summary>
    private static void AppendVietnamese<T>(ref DefaultInterpolatedStringHandler text, T number, string format) where T : ISpanFormattable
    {
        Span<char> digits = stackalloc char[64];
        if (number.TryFormat(digits, out var written, format, Vietnamese)) text.AppendFormatted(digits[..written]);
        else text.AppendFormatted(number.ToString(format, Vietnamese));
    }
}
