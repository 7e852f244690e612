using System.Collections;
using System.Globalization;
using System.Text;
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
            ? $"Chưa đánh giá được: dữ liệu «{field.Label}» ({field.DisplayPath}) không hợp lệ."
            : $"Chưa đánh giá được: thiếu dữ liệu «{field.Label}» ({field.DisplayPath}).";

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
        // A plain loop: this runs for every criterion of every evaluation.
        StringBuilder? text = null;
        foreach (var (fieldId, value) in reads)
        {
            var field = form.Fields[fieldId];
            if (value is null || field.Kind == FieldKind.Object) continue;
            if (text is null) text = new StringBuilder(message.Length + 48).Append(message.AsSpan().TrimEnd(". ")).Append(": ");
            else text.Append(", ");
            text.Append(field.DisplayPath).Append(" = ").Append(Format(value));
            if (factNotes is not null && factNotes.TryGetValue(fieldId, out var note)) text.Append(" (").Append(note).Append(')');
        }
        return text?.ToString() ?? message;
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
