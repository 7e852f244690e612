using Antq.FormEngine.Documents;
using Scriban.Runtime;

namespace Antq.FormEngine.Tests.Documents;

public class TemplateModelTests
{
    [Theory]
    [InlineData(2025, 10, 5, "ngày 05 tháng 10 năm 2025", "05/10/2025")]
    [InlineData(2026, 1, 9, "ngày 09 tháng 01 năm 2026", "09/01/2026")]
    [InlineData(2026, 2, 28, "ngày 28 tháng 02 năm 2026", "28/02/2026")]
    [InlineData(2026, 3, 15, "ngày 15 tháng 3 năm 2026", "15/03/2026")]
    public void Dates_follow_decree_30(int year, int month, int day, string expectedLong, string expectedShort)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(expectedLong, VietnameseDates.Long(date));
        Assert.Equal(expectedShort, VietnameseDates.Short(date));
    }

    [Fact]
    public void The_model_has_every_documented_member()
    {
        const string source = """
            {{ unit.name }}|{{ unit.kind }}|{{ unit.code }}|{{ unit.level }}|{{ unit.parent_name }}|{{ year }}
            {{ pack.id }}|{{ pack.version }}|{{ pack.title | string.size > 0 }}|{{ pack.legal_basis | array.size }}
            {{ document.id }}|{{ document.title }}|{{ document.number }}|{{ document.date }}|{{ document.date_long }}|{{ document.place }}|{{ document.verification_code }}
            {{ signer.title }}|{{ signer.name }}
            {{ c = evaluation.criteria[2] }}{{ c.id }}|{{ c.group }}|{{ c.status }}|{{ c.status_text }}|{{ c.points }}|{{ c.max_points }}|{{ c.children | array.size }}|{{ c.explanation | string.size > 0 }}
            {{ s = evaluation.summary }}{{ s.met }}|{{ s.not_met }}|{{ s.not_evaluable }}|{{ s.total }}|{{ s.points }}|{{ s.max_points }}|{{ evaluation.outcome.id }}|{{ evaluation.outcome.title }}
            {{ m = meeting }}{{ m.time }}|{{ m.end_time }}|{{ m.place | string.size > 0 }}|{{ m.chair.name }}|{{ m.secretary.title }}|{{ m.attendees[1].name }}|{{ m.votes.agree }}/{{ m.votes.disagree }}/{{ m.votes.abstain }}|{{ m.conclusion | string.size > 0 }}
            """;

        var result = DocumentSamples.Render(source);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal("""
            Xã An Phước|xa|26041|commune|Ủy ban nhân dân huyện Long Thành|2025
            qd9745.xa|1.0.0|true|2
            to-trinh|Tờ trình đề nghị công nhận|01/TTr-UBND|05/10/2025|ngày 05 tháng 10 năm 2025|Đồng Nai|MAU-2025-000001
            Chủ tịch|Nguyễn Văn An
            TC05|Nhóm 2. Kết quả thực hiện phong trào|notMet|Chưa đạt|0|3|0|true
            2|1|1|4|4|10|chua-dat|Chưa đạt
            14 giờ 00 phút, ngày 03 tháng 10 năm 2025|16 giờ 30 phút|true|Nguyễn Văn An|Công chức Văn phòng - Thống kê|Trần Minh Đức|5/0/0|true
            """, result.Output);
    }

    [Fact]
    public void The_model_is_plain_data_only()
    {
        AssertPlain(DocumentSamples.Model());
    }

    [Fact]
    public void No_outcome_and_no_meeting_give_blanks_not_nulls()
    {
        var input = DocumentSamples.Input() with
        {
            Evaluation = DocumentSamples.Evaluation with { Outcome = null },
            Meeting = null,
        };

        var result = DocumentSamples.Render("[{{ evaluation.outcome.title }}][{{ meeting.chair.name }}][{{ meeting.attendees | array.size }}][{{ meeting.votes.agree }}]",
            TemplateModel.Build(input));

        Assert.Equal("[][][0][0]", result.Output);
    }

    [Fact]
    public void A_draft_sample_has_no_number_and_no_signer_name()
    {
        var draft = TemplateModelInput.Sample(DocumentSamples.Commune, 2025, DocumentSamples.Pack, DocumentSamples.Form(),
            DocumentSamples.Evaluation, "bien-ban-hop-xet", draft: true);

        Assert.Equal("", draft.Document.Number);
        Assert.Equal("", draft.Signer.Name);
        Assert.Equal("Biên bản họp xét", draft.Document.Title);
        Assert.Equal("01/BB-UBND", TemplateModelInput.Sample(DocumentSamples.Commune, 2025, DocumentSamples.Pack, DocumentSamples.Form(),
            DocumentSamples.Evaluation, "bien-ban-hop-xet").Document.Number);
    }

    [Fact]
    public void Renders_in_parallel_share_nothing_mutable()
    {
        var template = DocumentSamples.Parse("{{ x = unit.name | string.upcase }}{{ x }} {{ date.parse '2025-10-05' | date.to_string '%d/%m/%Y' }}");
        var model = DocumentSamples.Model();

        var outputs = Enumerable.Range(0, 64).AsParallel()
            .Select(_ => TemplateSandbox.Render(template, model, RenderOptions.Default).Output)
            .ToList();

        Assert.All(outputs, o => Assert.Equal("XÃ AN PHƯỚC 05/10/2025", o));
    }

    private static void AssertPlain(object? value)
    {
        switch (value)
        {
            case null or string or bool or int or long or double:
                return;
            case ScriptObject obj:
                foreach (var item in obj.Values) AssertPlain(item);
                return;
            case ScriptArray array:
                foreach (var item in array) AssertPlain(item);
                return;
            default:
                Assert.Fail($"Not plain data: {value.GetType()}");
                return;
        }
    }
}
