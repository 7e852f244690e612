using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The reviewing level's appraisal (thẩm định, TT124 Điều 9 khoản 1 điểm a–c), recorded apart from the unit's meeting: only the
/// reviewers of the level the dossier waits at, an opinion on every criterion, and the appraisal report issued by that
/// level when the pack declares it (the shipped qd9745.xa does). The class first activates its own copy of qd9745.xa without
/// the report (its own database).
/// </summary>
public sealed class AppraisalTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string Version = "90.0.0-khong-bao-cao";

    [Fact]
    public async Task ReviewingLevelAppraises_OpinionPerCriterion_ReportIssuedWhenDeclared()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");

        // A pack without an appraisal report: the appraisal is recorded, nothing is issued from it.
        await factory.ActivateEditedCopyAsync(DocumentHttp.Pack, Version, manifest =>
        {
            var documents = manifest["documents"]!.AsArray();
            documents.Remove(documents.Single(d => d!["id"]!.GetValue<string>() == "bao-cao-tham-dinh"));
        });
        var neighbour = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var plain = await neighbour.SubmitAsync(world.CommuneA2);
        var plainSubmission = await neighbour.ReadSubmissionAsync(plain);
        var noReport = await (await district.PostAsJsonAsync($"/api/submissions/{plain}/appraisal", DocumentHttp.Appraisal(plainSubmission))).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(noReport.GetProperty("appraisals").EnumerateArray());
        Assert.DoesNotContain(noReport.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString()!.StartsWith("bao-cao-tham-dinh", StringComparison.Ordinal));

        await factory.ActivateShippedAsync(DocumentHttp.Pack);
        var id = await commune.SubmitAsync(world.CommuneA1);
        var submission = await commune.ReadSubmissionAsync(id);
        Assert.Equal(Packs.PackZips.ShippedVersion(DocumentHttp.Pack), submission.GetProperty("evaluation").GetProperty("pack").GetProperty("version").GetString());
        Assert.DoesNotContain((await commune.DocumentsAsync(id)).GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == "bao-cao-tham-dinh");

        // Only the reviewers of the level the dossier waits at: not the unit, not the province it does not wait at yet.
        Assert.False((await commune.DocumentsAsync(id)).GetProperty("canAppraise").GetBoolean());
        await (await commune.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(submission))).ExpectAsync(HttpStatusCode.Forbidden);
        var province = await TestWorld.LoginAsync(factory, "tinh@test.vn");
        await (await province.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(submission))).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.True((await district.DocumentsAsync(id)).GetProperty("canAppraise").GetBoolean());

        var incomplete = await (await district.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(submission, complete: false))).ExpectAsync(HttpStatusCode.BadRequest);
        var firstTitle = submission.GetProperty("evaluation").GetProperty("criteria")[0].GetProperty("title").GetString();
        Assert.Equal($"Kết quả thẩm định còn thiếu hoặc sai: ý kiến nhất trí hay không với kết quả tự đánh giá của đơn vị ở tiêu chí «{firstTitle}».",
            incomplete.GetProperty("detail").GetString());

        var recorded = await (await district.PostAsJsonAsync($"/api/submissions/{id}/appraisal", DocumentHttp.Appraisal(submission))).ExpectAsync(HttpStatusCode.OK);
        var appraisal = Assert.Single(recorded.GetProperty("appraisals").EnumerateArray());
        Assert.Equal(world.DistrictA.Id, appraisal.GetProperty("unitId").GetInt32());
        Assert.False(appraisal.GetProperty("opinions")[0].GetProperty("agrees").GetBoolean());
        Assert.Equal(world.CommuneA1.Id, Assert.Single(recorded.GetProperty("meetings").EnumerateArray()).GetProperty("unitId").GetInt32()); // the unit's own; the appraisal is not a meeting
        var report = Assert.Single(recorded.GetProperty("documents").EnumerateArray(), d => d.GetProperty("documentId").GetString() == "bao-cao-tham-dinh");
        Assert.Equal(world.DistrictA.Id, report.GetProperty("issuerUnitId").GetInt32());
        Assert.Matches(@"^\d{2}/BC-BCĐ$", report.GetProperty("number").GetString()!);

        var total = submission.GetProperty("evaluation").GetProperty("criteria").GetArrayLength();
        var text = HtmlLines.Of(DocumentHttp.Text(await commune.BytesAsync(id, "bao-cao-tham-dinh")));
        Assert.Contains("BAN CHỈ ĐẠO PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC THÀNH PHỐ BIÊN HÒA", text);
        Assert.Contains("I. NGƯỜI THẨM ĐỊNH", text);
        Assert.Contains("Trần Văn Bình - Phó Trưởng Công an thành phố.", text);
        Assert.Contains($"1 | {firstTitle} | Đạt | Không nhất trí: Chưa có biên bản kiểm tra của Công an phường kèm theo.", text);
        Assert.Contains($"Nhất trí với kết quả tự đánh giá của đơn vị ở {total - 1}/{total} tiêu chí; không nhất trí ở 1 tiêu chí.", text);
        Assert.Contains("Hồ sơ cơ bản đầy đủ; đơn vị bổ sung biên bản kiểm tra trước khi trình.", text);
        Assert.Contains(text, l => l.StartsWith("Hồ sơ đủ điều kiện; đề nghị cấp có thẩm quyền xem xét, công nhận phường Tân Phong", StringComparison.Ordinal));

        // The appraising level re-issues its report; the unit does not.
        Assert.Contains("bao-cao-tham-dinh", (await district.DocumentsAsync(id)).GetProperty("canReissue").EnumerateArray().Select(e => e.GetString()));
        await (await commune.ReissueAsync(id, "bao-cao-tham-dinh")).ExpectAsync(HttpStatusCode.Forbidden);
        var reissued = await (await district.ReissueAsync(id, "bao-cao-tham-dinh")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, reissued.GetProperty("version").GetInt32());
        Assert.Contains($"Nhất trí với kết quả tự đánh giá của đơn vị ở {total - 1}/{total} tiêu chí; không nhất trí ở 1 tiêu chí.",
            HtmlLines.Of(DocumentHttp.Text(await commune.BytesAsync(id, "bao-cao-tham-dinh"))));
    }
}
