using System.Globalization;
using Scriban.Runtime;

namespace Antq.FormEngine.Documents;

/// <summary>One variable of the template model as the template editor offers it: what to type, what it means, a sample value.</summary>
public sealed record TemplateVariable(string Path, string Meaning, string Example, string Snippet);

/// <summary>
/// The variables a document template can use, read off a model that <see cref="TemplateModel.Build"/>
/// made (so the list is the builder's, never a copy kept by hand), each with its meaning in
/// Vietnamese. A list's members are offered inside a <c>for</c> loop. <see cref="Meanings"/> must
/// name every member the builder makes; a test holds the two together.
/// </summary>
public static class TemplateVariables
{
    /// <summary>Meaning of each member of the model (<c>[]</c>: an element of a list); <c>form</c> is the pack's own data.</summary>
    public static IReadOnlyDictionary<string, string> Meanings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["unit"] = "Đơn vị được đánh giá",
        ["unit.name"] = "Tên đơn vị",
        ["unit.kind"] = "Loại đơn vị (mã: xa, phuong, co-quan…)",
        ["unit.code"] = "Mã đơn vị hành chính",
        ["unit.level"] = "Cấp của đơn vị",
        ["unit.parent_name"] = "Tên đơn vị cấp trên",
        ["year"] = "Năm đánh giá",
        ["pack"] = "Bộ tiêu chí áp dụng",
        ["pack.id"] = "Mã bộ tiêu chí",
        ["pack.version"] = "Phiên bản bộ tiêu chí",
        ["pack.title"] = "Tên bộ tiêu chí",
        ["pack.legal_basis"] = "Danh sách văn bản làm căn cứ",
        ["pack.legal_basis[]"] = "Một văn bản làm căn cứ",
        ["form"] = "Dữ liệu biểu mẫu đơn vị đã nhập (form.<tên trường>)",
        ["evaluation"] = "Kết quả đánh giá",
        ["evaluation.criteria"] = "Danh sách tiêu chí và kết quả",
        ["evaluation.criteria[].id"] = "Mã tiêu chí",
        ["evaluation.criteria[].title"] = "Tên tiêu chí",
        ["evaluation.criteria[].group"] = "Nhóm tiêu chí",
        ["evaluation.criteria[].status"] = "Kết quả (mã: met, notMet, notEvaluable)",
        ["evaluation.criteria[].status_text"] = "Kết quả bằng chữ (đạt, chưa đạt…)",
        ["evaluation.criteria[].explanation"] = "Giải thích kết quả",
        ["evaluation.criteria[].points"] = "Điểm đạt được",
        ["evaluation.criteria[].max_points"] = "Điểm tối đa",
        ["evaluation.criteria[].children"] = "Các tiêu chí con (cùng các mục như tiêu chí)",
        ["evaluation.summary"] = "Tổng hợp kết quả",
        ["evaluation.summary.met"] = "Số tiêu chí đạt",
        ["evaluation.summary.not_met"] = "Số tiêu chí chưa đạt",
        ["evaluation.summary.not_evaluable"] = "Số tiêu chí chưa đánh giá được",
        ["evaluation.summary.total"] = "Tổng số tiêu chí",
        ["evaluation.summary.points"] = "Tổng điểm",
        ["evaluation.summary.max_points"] = "Tổng điểm tối đa",
        ["evaluation.outcome"] = "Kết quả chung",
        ["evaluation.outcome.id"] = "Mã mức kết quả",
        ["evaluation.outcome.title"] = "Tên mức kết quả (đạt, xuất sắc…)",
        ["document"] = "Văn bản đang lập",
        ["document.id"] = "Mã loại văn bản",
        ["document.title"] = "Tên văn bản",
        ["document.number"] = "Số, ký hiệu văn bản (trống khi là bản nháp)",
        ["document.date"] = "Ngày ban hành (dd/MM/yyyy)",
        ["document.date_long"] = "Ngày ban hành viết đầy đủ (ngày … tháng … năm …)",
        ["document.place"] = "Địa danh ghi ở đầu văn bản",
        ["document.verification_code"] = "Mã xác minh văn bản",
        ["document.verify_url"] = "Địa chỉ xác minh văn bản",
        ["document.issuer"] = "Cơ quan ban hành",
        ["document.issuer_parent"] = "Cơ quan chủ quản của cơ quan ban hành",
        ["signer"] = "Người ký",
        ["signer.title"] = "Chức vụ người ký",
        ["signer.name"] = "Họ tên người ký (trống khi là bản nháp)",
        ["meeting"] = "Cuộc họp xét",
        ["meeting.time"] = "Thời gian bắt đầu họp",
        ["meeting.end_time"] = "Giờ kết thúc họp",
        ["meeting.place"] = "Địa điểm họp",
        ["meeting.chair"] = "Chủ trì cuộc họp",
        ["meeting.chair.name"] = "Họ tên người chủ trì",
        ["meeting.chair.title"] = "Chức vụ người chủ trì",
        ["meeting.secretary"] = "Thư ký cuộc họp",
        ["meeting.secretary.name"] = "Họ tên thư ký",
        ["meeting.secretary.title"] = "Chức vụ thư ký",
        ["meeting.attendees"] = "Danh sách người dự họp",
        ["meeting.attendees[].name"] = "Họ tên người dự họp",
        ["meeting.attendees[].title"] = "Chức vụ người dự họp",
        ["meeting.votes"] = "Kết quả biểu quyết",
        ["meeting.votes.agree"] = "Số phiếu đồng ý",
        ["meeting.votes.disagree"] = "Số phiếu không đồng ý",
        ["meeting.votes.abstain"] = "Số phiếu không có ý kiến",
        ["meeting.conclusion"] = "Kết luận cuộc họp",
        ["meeting.attendees[].role"] = "Người dự họp là đại diện của ai (cuộc họp đánh giá của đơn vị)",
        ["meeting.chair.role"] = "Người chủ trì là đại diện của ai (thường để trống)",
        ["meeting.secretary.role"] = "Thư ký là đại diện của ai (thường để trống)",
        ["meeting.held_by_unit"] = "Cuộc họp đánh giá do chính đơn vị tổ chức (không phải họp xét của cấp trên)",
        ["appraisal"] = "Kết quả thẩm định của cấp xét duyệt",
        ["appraisal.appraiser"] = "Người thẩm định",
        ["appraisal.appraiser.name"] = "Họ tên người thẩm định",
        ["appraisal.appraiser.title"] = "Chức vụ người thẩm định",
        ["appraisal.opinions"] = "Ý kiến thẩm định từng tiêu chí",
        ["appraisal.opinions[].criterion_id"] = "Mã tiêu chí",
        ["appraisal.opinions[].title"] = "Tên tiêu chí",
        ["appraisal.opinions[].unit_status_text"] = "Kết quả đơn vị tự đánh giá",
        ["appraisal.opinions[].agrees"] = "Có nhất trí với đơn vị không (true/false)",
        ["appraisal.opinions[].agrees_text"] = "Nhất trí / Không nhất trí",
        ["appraisal.opinions[].opinion"] = "Nội dung ý kiến",
        ["appraisal.disagreements"] = "Số tiêu chí không nhất trí với đơn vị",
        ["appraisal.proposes"] = "Có đề nghị công nhận không (true/false)",
        ["appraisal.conclusion"] = "Kết luận thẩm định",
    };

    /// <summary>Every member of <paramref name="model"/> with its meaning, in the builder's order; <c>form</c> is offered whole.</summary>
    public static IReadOnlyList<TemplateVariable> Of(ScriptObject model)
    {
        var list = new List<TemplateVariable>();
        Walk(model, "", null, list);
        return list;
    }

    /// <summary>The member paths <paramref name="model"/> has (lists' members as <c>list[].member</c>), for checking <see cref="Meanings"/>.</summary>
    public static IReadOnlyList<string> Paths(ScriptObject model) => Of(model).Select(v => v.Path).ToList();

    private static void Walk(ScriptObject node, string prefix, string? loop, List<TemplateVariable> list)
    {
        foreach (var key in node.Keys)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var value = node[key];
            var meaning = Meanings.TryGetValue(path, out var m) ? m : "";
            if (path == "form")
            {
                list.Add(new TemplateVariable(path, meaning, "", "{{ form }}"));
                continue;
            }
            switch (value)
            {
                case ScriptObject child:
                    if (path.EndsWith("[].children", StringComparison.Ordinal)) { list.Add(new TemplateVariable(path, meaning, "", "")); break; }
                    Walk(child, path, loop, list);
                    break;
                case ScriptArray array:
                    list.Add(new TemplateVariable(path, meaning, $"{array.Count} mục", ""));
                    var item = array.OfType<ScriptObject>().FirstOrDefault();
                    if (item is not null && !path.EndsWith("[].children", StringComparison.Ordinal)) Walk(item, path + "[]", path, list);
                    else if (item is null && Meanings.ContainsKey(path + "[]"))
                        list.Add(new TemplateVariable(path + "[]", Meanings[path + "[]"], Example(array.FirstOrDefault()), $"{{{{ for muc in {Expression(path)} }}}}{{{{ muc }}}}{{{{ end }}}}"));
                    break;
                default:
                    list.Add(new TemplateVariable(path, meaning, Example(value), Snippet(path)));
                    break;
            }
        }
    }

    /// <summary>What to insert: the value, or inside a loop over its list for a list's member.</summary>
    private static string Snippet(string path)
    {
        var at = path.LastIndexOf("[].", StringComparison.Ordinal);
        if (at < 0) return $"{{{{ {path} }}}}";
        var list = path[..at];
        return $"{{{{ for muc in {Expression(list)} }}}}{{{{ muc.{path[(at + 3)..]} }}}}{{{{ end }}}}";
    }

    private static string Expression(string path) => path.Replace("[]", "", StringComparison.Ordinal);

    private static string Example(object? value) => value switch
    {
        null => "",
        string s => s.Length > 80 ? s[..80] + "…" : s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
