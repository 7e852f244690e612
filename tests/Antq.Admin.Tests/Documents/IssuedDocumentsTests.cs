using System.Net;
using System.Net.Http.Json;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>Documents issued at the workflow steps: numbers, codes, stored bytes, versions, the unit's minutes.</summary>
public sealed class IssuedDocumentsTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Submit_PackWithDocuments_IssuesToTrinhAndBaoCaoNumberedAndStamped()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await commune.SubmitAsync(world.CommuneA1, year: 2024);

        var list = await commune.DocumentsAsync(id);
        var documents = list.GetProperty("documents").EnumerateArray().ToList();
        // Tờ trình and Báo cáo issued at submission; the minutes by the commune at its own meeting, before it sent the dossier.
        Assert.Equal(["bao-cao-ket-qua", "bien-ban-hop-xet", "to-trinh"], documents.Select(d => d.GetProperty("documentId").GetString()!).Order().ToArray());
        var toTrinh = documents.Single(d => d.GetProperty("documentId").GetString() == "to-trinh");
        Assert.Equal(1, toTrinh.GetProperty("version").GetInt32());
        Assert.True(toTrinh.GetProperty("current").GetBoolean());
        var number = toTrinh.GetProperty("number").GetString()!;
        Assert.Matches(@"^\d{2}/TTr-UBND$", number);
        Assert.Matches(@"^\d{2}/BC-UBND$", documents.Single(d => d.GetProperty("documentId").GetString() == "bao-cao-ket-qua").GetProperty("number").GetString()!);
        var code = toTrinh.GetProperty("verificationCode").GetString()!;
        Assert.Matches("^[A-Z2-7]{24}$", code);
        Assert.Equal("qd9745.xa", toTrinh.GetProperty("packId").GetString());
        Assert.Equal("to-trinh", toTrinh.GetProperty("templateKey").GetString());
        Assert.Equal(1, toTrinh.GetProperty("templateVersion").GetInt32());
        Assert.False(Assert.Single(list.GetProperty("meetings").EnumerateArray()).GetProperty("oldProcedure").GetBoolean());

        var htmlResponse = await commune.DownloadAsync(id, "to-trinh");
        Assert.Contains("sandbox", htmlResponse.Headers.GetValues("Content-Security-Policy").Single());
        var html = await htmlResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(toTrinh.GetProperty("htmlSha256").GetString(), DocumentHttp.Sha256(html));
        var text = DocumentHttp.Text(html);
        Assert.Contains(number, text);
        Assert.Contains($"Mã xác thực: {code}", text);
        Assert.Contains($"/verify/{code}", text);
        Assert.Contains(world.CommuneA1.Name, text);

        var docx = await commune.BytesAsync(id, "to-trinh", format: "docx");
        Assert.Equal(toTrinh.GetProperty("docxSha256").GetString(), DocumentHttp.Sha256(docx));
        var custom = DocumentHttp.DocxPart(docx, "docProps/custom.xml");
        Assert.Contains(code, custom);
        Assert.Contains("AntqVerifyUrl", custom);
        Assert.Contains(number, custom);
        Assert.Contains(number, DocumentHttp.DocxPart(docx, "word/document.xml"));
        var footer = new ZipText(docx).PartsStartingWith("word/footer");
        Assert.Contains(footer, f => f.Contains(code) && f.Contains("/verify/"));
    }

    [Fact]
    public async Task Numbers_OneYearlySequenceAcrossKindsPerIssuingUnit_ReissueTakesNext()
    {
        var world = await factory.WorldAsync();
        var unitA2 = await TestWorld.LoginAsync(factory, "xa-a2@test.vn");
        var unitB1 = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var a2 = await unitA2.SubmitAsync(world.CommuneA2);
        var b1 = await unitB1.SubmitAsync(world.CommuneB1);

        // Each unit has its own registry, one sequence a year across its kinds (Decree 30 Điều 15, the default):
        // the minutes of its meeting take 01, then the pack's documents issued at submission in order 02 and 03.
        Assert.Equal("01/BB-UBND", (await unitA2.VersionsAsync(a2, "bien-ban-hop-xet"))[0].GetProperty("number").GetString());
        Assert.Equal("02/TTr-UBND", (await unitA2.VersionsAsync(a2, "to-trinh"))[0].GetProperty("number").GetString());
        Assert.Equal("03/BC-UBND", (await unitA2.VersionsAsync(a2, "bao-cao-ket-qua"))[0].GetProperty("number").GetString());
        Assert.Equal("02/TTr-UBND", (await unitB1.VersionsAsync(b1, "to-trinh"))[0].GetProperty("number").GetString());

        var reissued = await (await unitA2.ReissueAsync(a2, "to-trinh", "Sửa lỗi chính tả")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("04/TTr-UBND", reissued.GetProperty("number").GetString());
        Assert.Equal(2, reissued.GetProperty("version").GetInt32());
        Assert.Equal("Sửa lỗi chính tả", reissued.GetProperty("note").GetString());
        var versions = await unitA2.VersionsAsync(a2, "to-trinh");
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal([true, false], versions.Select(v => v.GetProperty("current").GetBoolean()).ToArray());
        // The old version stays retrievable, with its own bytes.
        var old = DocumentHttp.Text(await unitA2.BytesAsync(a2, "to-trinh", version: 1));
        Assert.Contains("02/TTr-UBND", old);
        Assert.DoesNotContain("04/TTr-UBND", old);
        Assert.Equal("03/BC-UBND", (await unitA2.VersionsAsync(a2, "bao-cao-ket-qua"))[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task Reissue_ParallelRequests_DistinctContiguousNumbersAndVersions()
    {
        var world = await factory.WorldAsync();
        var agency = await TestWorld.LoginAsync(factory, "truong-a@test.vn");
        var id = await agency.CreateSubmissionAsync(world.AgencyA, Samples.SchoolPack, 2025, Samples.ValidSchool);
        await (await agency.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        const int parallel = 8;
        var clients = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => TestWorld.LoginAsync(factory, "truong-a@test.vn")));
        var responses = await Task.WhenAll(clients.Select(c => c.ReissueAsync(id, "to-trinh")));
        foreach (var response in responses) await response.ExpectAsync(HttpStatusCode.Created);

        var versions = await agency.VersionsAsync(id, "to-trinh");
        Assert.Equal(Enumerable.Range(1, parallel + 1).Reverse().ToArray(), versions.Select(v => v.GetProperty("version").GetInt32()).ToArray());
        var numbers = versions.Select(v => v.GetProperty("number").GetString()!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        // An agency has no "-UBND" suffix; its yearly registry (Tờ trình versions and the Báo cáo) runs from 01 without gaps.
        Assert.All(numbers, n => Assert.Matches(@"^\d{2}/TTr$", n));
        var all = (await agency.DocumentsAsync(id)).GetProperty("documents").EnumerateArray()
            .Select(d => int.Parse(d.GetProperty("number").GetString()![..2], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, all.Length).ToArray(), all);
        Assert.Equal(parallel + 1, versions.Select(v => v.GetProperty("verificationCode").GetString()).Distinct().Count());
        Assert.Single(versions, v => v.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task Access_OtherUnitsAndAnonymous_Refused()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await FreshSubmissionAsync(commune, world);

        foreach (var email in new[] { "xa-a2@test.vn", "xa-b1@test.vn", "huyen-b@test.vn" })
        {
            var other = await TestWorld.LoginAsync(factory, email);
            await (await other.GetAsync($"/api/submissions/{id}/documents")).ExpectAsync(HttpStatusCode.NotFound);
            await (await other.DownloadAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.NotFound);
            await (await other.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.NotFound);
        }
        // The reviewing district and the province see it; a reviewer may not re-issue the unit's own letter.
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        Assert.NotEmpty(await district.VersionsAsync(id, "to-trinh"));
        await (await district.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.NotEmpty(await (await TestWorld.LoginAsync(factory, "tinh@test.vn")).VersionsAsync(id, "to-trinh"));
        // Administrators are not the issuing level's staff: they do not re-issue a unit's documents.
        await (await (await TestWorld.LoginAsync(factory, "admin@test.vn")).ReissueAsync(id, "bao-cao-ket-qua")).ExpectAsync(HttpStatusCode.Forbidden);

        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync($"/api/submissions/{id}/documents")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DownloadAsync(id, "to-trinh", format: "docx")).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.ReissueAsync(id, "to-trinh")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Download_BadFormatOrUnknownVersion_ClearProblems()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await FreshSubmissionAsync(commune, world);
        var bad = await (await commune.DownloadAsync(id, "to-trinh", format: "exe")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("html, docx hoặc pdf", bad.GetProperty("detail").GetString());
        await (await commune.DownloadAsync(id, "to-trinh", version: 99)).ExpectAsync(HttpStatusCode.NotFound);
        await (await commune.DownloadAsync(id, "bao-cao-tham-dinh")).ExpectAsync(HttpStatusCode.NotFound); // declared, not issued before the appraisal
    }

    [Fact]
    public async Task Download_Pdf_PrintedByChromiumOrClearProblemWhenMissing()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await FreshSubmissionAsync(commune, world);
        var previous = Environment.GetEnvironmentVariable("ANTQ_CHROMIUM");
        try
        {
            Environment.SetEnvironmentVariable("ANTQ_CHROMIUM", "/nonexistent/chromium");
            var missing = await (await commune.DownloadAsync(id, "to-trinh", format: "pdf")).ExpectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("pdf.unavailable", missing.GetProperty("code").GetString());
            Assert.Contains("Chromium", missing.GetProperty("detail").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANTQ_CHROMIUM", previous);
        }
        if (!File.Exists("/usr/bin/chromium")) return; // the printing half needs a browser (test.sh installs it)
        var pdf = await commune.BytesAsync(id, "to-trinh", format: "pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    /// <summary>A submitted qd9745.xa submission of commune A1 (created once per unit and year: later calls reuse it).</summary>
    private async Task<Guid> FreshSubmissionAsync(HttpClient commune, TestWorld world)
    {
        var existing = await commune.ListIdsAsync($"?packId={DocumentHttp.Pack}&year=2025");
        return existing.Count > 0 ? existing[0] : await commune.SubmitAsync(world.CommuneA1);
    }
}

/// <summary>Reads parts of a DOCX by name prefix.</summary>
internal sealed class ZipText(byte[] zip)
{
    public IReadOnlyList<string> PartsStartingWith(string prefix)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); }).ToList();
    }
}
