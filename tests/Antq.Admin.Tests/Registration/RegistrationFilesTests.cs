using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Data;
using Antq.Admin.Features.Forms;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Antq.Admin.Tests.Registration.RegistrationDossier;

namespace Antq.Admin.Tests.Registration;

/// <summary>
/// The registration dossier (TT124 Điều 9 khoản 2 điểm a): the party committee's resolution and the unit's security plan
/// go with the Bản đăng ký. Sending is refused while either is missing; once sent they are fixed; the reviewing level
/// downloads them, units and levels outside the registration's scope find nothing. Each test has its own unit and year.
/// </summary>
public sealed class RegistrationFilesTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string ResolutionLabel = "Nghị quyết của cấp ủy Đảng về đăng ký phấn đấu";
    private const string PlanLabel = "Kế hoạch bảo đảm an ninh, trật tự";

    private static async Task<Guid> DraftAsync(HttpClient client, int year)
    {
        var id = Guid.NewGuid();
        await (await client.PutAsJsonAsync($"/api/registrations/{id}", new
        {
            packId = Samples.CommunePack, year, declaredClass = "tot", signerName = "Nguyễn Văn An",
            commitment = "Xây dựng xã đạt tiêu chuẩn “An toàn về an ninh, trật tự”.", targets = "Không để xảy ra trọng án.",
        })).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient client, Guid id, HttpStatusCode expected) =>
        await (await client.PostAsJsonAsync($"/api/registrations/{id}/submit", new { })).ExpectAsync(expected);

    private static async Task<JsonElement> FilesAsync(HttpClient client, Guid id) =>
        (await (await client.GetAsync($"/api/registrations/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("files");

    [Fact]
    public async Task SendingNamesTheMissingFiles_ReplacedAndRemovedWhileDraft_FixedOnceSent()
    {
        await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await DraftAsync(commune, 2032);

        var none = (await SubmitAsync(commune, id, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!;
        Assert.Contains($"còn thiếu {ResolutionLabel} và {PlanLabel}", none, StringComparison.Ordinal);
        Assert.Contains("điểm a khoản 2 Điều 9", none, StringComparison.Ordinal);

        await UploadAsync(commune, id, Resolution, "Nghị quyết cũ.pdf", Pdf("cu"));
        var one = (await SubmitAsync(commune, id, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!;
        Assert.Contains($"còn thiếu {PlanLabel}.", one, StringComparison.Ordinal);
        Assert.DoesNotContain(ResolutionLabel, one, StringComparison.Ordinal);

        // Replaced: one file of the kind, the new one; removed: gone from the answer.
        var replaced = await UploadAsync(commune, id, Resolution, "Nghị quyết số 12-NQ-ĐU.pdf", Pdf("moi"));
        Assert.Equal("Nghị quyết số 12-NQ-ĐU.pdf", replaced.GetProperty("name").GetString());
        await UploadAsync(commune, id, SecurityPlan, "Kế hoạch.docx", Pdf("sai"));
        var left = await (await commune.DeleteAsync($"/api/registrations/{id}/files/{SecurityPlan}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Resolution, Assert.Single(left.EnumerateArray()).GetProperty("kind").GetString());
        await UploadAsync(commune, id, SecurityPlan, "Kế hoạch bảo đảm ANTT năm 2032.pdf", Pdf("ke hoach 2032"));

        var files = (await FilesAsync(commune, id)).EnumerateArray().ToList();
        Assert.Equal([Resolution, SecurityPlan], files.Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal([ResolutionLabel, PlanLabel], files.Select(f => f.GetProperty("kindLabel").GetString()));
        Assert.Equal("Nghị quyết số 12-NQ-ĐU.pdf", files[0].GetProperty("name").GetString());
        Assert.Equal(Pdf("moi").Length, files[0].GetProperty("size").GetInt64());
        Assert.Matches(new Regex(@"^\d{2}/\d{2}/\d{4}$"), files[1].GetProperty("uploadedOn").GetString());

        var sent = await SubmitAsync(commune, id, HttpStatusCode.OK);
        Assert.Equal(2, sent.GetProperty("files").GetArrayLength());
        var late = await UploadAsync(commune, id, SecurityPlan, "Kế hoạch sửa.pdf", Pdf("sua"), HttpStatusCode.Conflict);
        Assert.Contains("Đã gửi, chờ chấp nhận", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await commune.DeleteAsync($"/api/registrations/{id}/files/{Resolution}")).ExpectAsync(HttpStatusCode.Conflict);
        var listed = await (await commune.GetAsync("/api/registrations?year=2032")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Kế hoạch bảo đảm ANTT năm 2032.pdf", Assert.Single(listed.EnumerateArray()).GetProperty("files")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task WrongTypeOversizeEmptyOrUnknownKind_RefusedInVietnamese_NothingKept()
    {
        await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var id = await DraftAsync(commune, 2033);
        var uploads = Path.Combine(factory.DataDirectory, EvidenceStore.Folder);
        int Stored() => Directory.Exists(uploads) ? Directory.GetDirectories(uploads).Length : 0;
        var before = Stored();

        var type = await UploadAsync(commune, id, Resolution, "nghi-quyet.exe", Pdf("x"), HttpStatusCode.BadRequest);
        Assert.Contains("không đúng loại cho phép (.pdf", type.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var big = new byte[EvidenceStore.DefaultRules.MaxBytes + 1];
        var oversize = await UploadAsync(commune, id, Resolution, "nghi-quyet.pdf", big, HttpStatusCode.BadRequest);
        Assert.Contains($"vượt quá dung lượng cho phép ({EvidenceStore.DefaultRules.MaxSizeMb} MB)", oversize.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var empty = await UploadAsync(commune, id, SecurityPlan, "ke-hoach.pdf", [], HttpStatusCode.BadRequest);
        Assert.Contains("rỗng", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var longName = await UploadAsync(commune, id, Resolution, new string('a', 300) + ".pdf", Pdf("x"), HttpStatusCode.BadRequest);
        Assert.Contains("Tên tệp phải có từ 1 đến 255 ký tự", longName.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var kind = await UploadAsync(commune, id, "bien-ban", "bien-ban.pdf", Pdf("x"), HttpStatusCode.BadRequest);
        Assert.Contains("không thuộc hồ sơ đăng ký", kind.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, (await FilesAsync(commune, id)).GetArrayLength());
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task ReviewerDownloadsUnderTheUploadedName_OtherCommuneAndOtherDistrictFindNothing()
    {
        await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var otherCommune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var otherDistrict = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var id = await DraftAsync(commune, 2034);
        await AttachAsync(commune, id);
        await SubmitAsync(commune, id, HttpStatusCode.OK);
        var url = (await FilesAsync(district, id))[0].GetProperty("url").GetString()!;
        Assert.Equal($"/api/registrations/{id}/files/{Resolution}", url);

        var download = await district.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf("nghi quyet"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Nghị quyết Đảng ủy.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await otherCommune.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/registrations/{id}/files/bien-ban")).StatusCode);
        await UploadAsync(otherCommune, id, SecurityPlan, "ke-hoach.pdf", Pdf("x"), HttpStatusCode.NotFound);
        await UploadAsync(district, id, SecurityPlan, "ke-hoach.pdf", Pdf("x"), HttpStatusCode.Forbidden); // reviewers do not attach
        // The stored file is not reachable through the dossiers' evidence route either.
        var reference = await factory.WithServicesAsync(services => services.GetRequiredService<AntqDbContext>().RegistrationFiles
            .Where(f => f.RegistrationId == id && f.Kind == Resolution).Select(f => f.Reference).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/files/{reference}")).StatusCode);
    }
}
