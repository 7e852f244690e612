using System.Net;
using System.Text.Json.Nodes;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using DocumentFormat.OpenXml.Packaging;

namespace Antq.Admin.Tests.Exports;

/// <summary>The printable dossier: the form as filled (sections, table rows, evidence names), verdicts with explanations, history.</summary>
public sealed class PrintableDossierTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Print_HasTheFormTableEvidenceVerdictsAndHistory_InHtmlAndDocx_OnlyInScope()
    {
        var world = await factory.WorldAsync();
        var data = JsonNode.Parse(Samples.ValidCommune.GetRawText())!;
        data["tc01"]!["nghi_quyet"]!["minh_chung"] = new JsonArray("uploads/0123456789abcdef0123456789abcdef/nghi-quyet-12.pdf");
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var id = await commune.CreateSubmissionAsync(world.CommuneA1, Samples.CommunePack, 2033, System.Text.Json.JsonSerializer.SerializeToElement(data));
        await (await commune.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);

        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var html = await (await reviewer.GetAsync($"/api/exports/dossiers/{id}/print?format=html")).Content.ReadAsStringAsync();
        Assert.Contains("HỒ SƠ ĐỀ NGHỊ CÔNG NHẬN", html);
        Assert.Contains(world.CommuneA1.Name, html);
        Assert.Contains("Tổ tự quản về an ninh, trật tự", html);           // a table row's value
        Assert.Contains("Dòng 2", html);                                    // the table's second row
        Assert.Contains("Tệp minh chứng: nghi-quyet-12.pdf", html);         // evidence by its name
        Assert.Contains("15/02/2025", html);                                // dates as dd/MM/yyyy
        Assert.Contains("Đạt", html);
        Assert.Contains("Gửi xét duyệt", html);                             // the review history
        // Each criterion's explanation in words (as stored).
        var stored = await commune.ReadSubmissionAsync(id);
        foreach (var criterion in stored.GetProperty("evaluation").GetProperty("criteria").EnumerateArray())
        {
            var explanation = criterion.GetProperty("explanation").GetString()!;
            var plain = new string(explanation.TakeWhile(c => c is not ('<' or '>' or '&' or '"' or '\'')).Take(40).ToArray());
            Assert.Contains(plain, html);
        }

        var docx = await reviewer.GetAsync($"/api/exports/dossiers/{id}/print?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("Tệp minh chứng: nghi-quyet-12.pdf", text);
            Assert.Contains("Gửi xét duyệt", text);
        }

        var pdf = await reviewer.GetAsync($"/api/exports/dossiers/{id}/print");
        if (pdf.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);
        }

        var outside = await (await TestWorld.LoginAsync(factory, "huyen-b@test.vn")).GetAsync($"/api/exports/dossiers/{id}/print?format=html");
        Assert.True(outside.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"got {(int)outside.StatusCode}");
    }
}
