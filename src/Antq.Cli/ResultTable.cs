using Antq.FormEngine.Evaluation;

namespace Antq.Cli;

/// <summary>A readable Vietnamese view of an evaluation result for the terminal.</summary>
internal static class ResultTable
{
    public static void Write(EvaluationResult result, TextWriter output)
    {
        output.WriteLine($"Gói {result.Pack.Id} {result.Pack.Version}");
        output.WriteLine(result.Valid ? "Dữ liệu: hợp lệ" : $"Dữ liệu: có {result.Errors.Count} lỗi");
        foreach (var error in result.Errors)
        {
            var where = error.Field ?? error.Path;
            output.WriteLine($"  • {(where.Length > 0 ? where : "(gốc)")}: {error.Message}");
        }
        if (result.Facts is { Count: > 0 } facts)
        {
            output.WriteLine("Dữ kiện theo dữ liệu hệ thống (thay cho số liệu đơn vị nhập):");
            foreach (var f in facts) output.WriteLine($"  • {f.Id} → {f.Field} = {f.Value.GetRawText()}{(f.Source is { } source ? $" ({source})" : "")}");
        }
        output.WriteLine();
        output.WriteLine($"{"Tiêu chí",-12} {"Kết quả",-20} {"Điểm",6}  Giải thích");
        foreach (var criterion in result.Criteria) Row(criterion, output, "");
        var s = result.Summary;
        output.WriteLine();
        output.WriteLine($"Tổng: {s.Met} đạt, {s.NotMet} chưa đạt, {s.NotEvaluable} chưa đánh giá được / {s.Total} tiêu chí; điểm {s.Points:0.##}/{s.MaxPoints:0.##}");
        output.WriteLine($"Kết quả: {result.Outcome?.Title ?? "(không có mức nào phù hợp)"}{(result.Outcome is { } o ? $" [{o.Id}]" : "")}");
    }

    private static void Row(CriterionResult c, TextWriter output, string indent)
    {
        var mark = c.Status switch { CriterionStatus.Met => "✓", CriterionStatus.NotMet => "✗", _ => "?" };
        output.WriteLine($"{(indent + c.Id),-12} {mark + " " + c.Status.ToVietnamese(),-20} {c.Points,6:0.##}  {c.Explanation}");
        foreach (var child in c.Children) Row(child, output, indent + "  ");
    }
}
