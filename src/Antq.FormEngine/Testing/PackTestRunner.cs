using System.Globalization;
using Antq.FormEngine.Evaluation;

namespace Antq.FormEngine.Testing;

/// <summary>The outcome of one test case: every expectation that failed, in Vietnamese.</summary>
public sealed record PackTestResult(string File, string Name, IReadOnlyList<string> Failures, EvaluationResult Result)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Runs a pack's own test cases through the same evaluation the server uses.</summary>
public static class PackTestRunner
{
    public static IReadOnlyList<PackTestResult> Run(CompiledPack pack) =>
        pack.Tests.Select(t => Run(pack, t)).ToList();

    public static PackTestResult Run(CompiledPack pack, PackTestCase test)
    {
        var result = pack.Evaluate(test.Unit, test.Year, test.Data, test.Facts);
        return new PackTestResult(test.File, test.Name, Check(test.Expect, result), result);
    }

    public static List<string> Check(TestExpectation expect, EvaluationResult result)
    {
        var failures = new List<string>();
        if (expect.Valid is { } valid && valid != result.Valid)
            failures.Add(valid
                ? $"mong đợi dữ liệu hợp lệ nhưng có lỗi: {string.Join("; ", result.Errors.Select(e => $"{Show(e.Field ?? e.Path)} {e.Message}"))}"
                : "mong đợi dữ liệu không hợp lệ nhưng không có lỗi nào");
        foreach (var pointer in expect.Errors ?? [])
            if (!result.Errors.Any(e => e.Path == pointer || e.Field == pointer))
                failures.Add($"mong đợi lỗi tại {Show(pointer)} nhưng không có (lỗi có: {string.Join(", ", result.Errors.Select(e => Show(e.Field ?? e.Path)).Distinct())})");
        if (expect.Outcome is { } outcome && outcome != result.Outcome?.Id)
            failures.Add($"kết quả mong đợi \"{outcome}\" nhưng được \"{result.Outcome?.Id ?? "(không có mức nào)"}\"");
        var all = result.Criteria.Flatten().GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var (id, status) in expect.Criteria ?? new Dictionary<string, CriterionStatus>())
        {
            if (!all.TryGetValue(id, out var actual)) failures.Add($"tiêu chí {id} không có trong gói");
            else if (actual.Status != status)
                failures.Add($"tiêu chí {id}: mong đợi «{status.ToVietnamese()}» nhưng được «{actual.Status.ToVietnamese()}» — {actual.Explanation}");
        }
        foreach (var (key, expected) in expect.Summary ?? new Dictionary<string, double>())
        {
            var actual = key switch
            {
                "met" => result.Summary.Met, "notMet" => result.Summary.NotMet, "notEvaluable" => result.Summary.NotEvaluable,
                "total" => result.Summary.Total, "points" => result.Summary.Points, _ => result.Summary.MaxPoints,
            };
            if (Math.Abs(actual - expected) > 1e-9)
                failures.Add($"{SummaryLabel(key)} ({key}): mong đợi {expected.ToString("#,##0.##", Vi)} nhưng được {actual.ToString("#,##0.##", Vi)}");
        }
        return failures;
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static string SummaryLabel(string key) => key switch
    {
        "met" => "số tiêu chí Đạt",
        "notMet" => "số tiêu chí Chưa đạt",
        "notEvaluable" => "số tiêu chí Chưa đánh giá được",
        "total" => "tổng số tiêu chí",
        "points" => "số điểm",
        _ => "điểm tối đa",
    };

    private static string Show(string pointer) => pointer.Length == 0 ? "(gốc)" : pointer;
}
