using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Antq.Admin.Tests.Documents;

/// <summary>
/// The DOCX Giấy công nhận carries the QR code of its verify page as a picture, as the HTML and the PDF do: the same PNG,
/// 28 mm square, beside the verification code written as text.
/// </summary>
public sealed partial class CertificateDocxTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [GeneratedRegex("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex QrImage();

    [Fact]
    public async Task CertificateDocx_HasTheQrCodeOfItsHtml_AsAnInlinePicture()
    {
        var world = await factory.WorldAsync();
        var unit = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var district = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var id = await unit.ApprovedAsync(world.CommuneA1, district, 2024);
        await (await district.PostAsJsonAsync("/api/recognition/decisions", new { submissionIds = new[] { id } })).ExpectAsync(HttpStatusCode.OK);

        var html = DocumentHttp.Text(await unit.BytesAsync(id, "giay-cong-nhan"));
        var qr = Convert.FromBase64String(QrImage().Match(html).Groups[1].Value);
        Assert.NotEmpty(qr);

        var response = await unit.DownloadAsync(id, "giay-cong-nhan", format: "docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), isEditable: false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var main = document.MainDocumentPart!;
        var picture = Assert.Single(main.ImageParts);
        Assert.Equal("image/png", picture.ContentType);
        using (var stream = picture.GetStream())
        using (var bytes = new MemoryStream())
        {
            await stream.CopyToAsync(bytes);
            Assert.Equal(qr, bytes.ToArray());
        }
        var inline = Assert.Single(main.Document.Descendants<Wp.Inline>());
        Assert.Equal(main.GetIdOfPart(picture), inline.Descendants<A.Blip>().Single().Embed!.Value);
        Assert.Equal("Mã QR xác thực", inline.DocProperties!.Description!.Value);
        const long TwentyEightMm = 1587 * 635L; // 28 mm in twips (1440 a inch), in EMU (635 a twip)
        Assert.Equal((TwentyEightMm, TwentyEightMm), (inline.Extent!.Cx!.Value, inline.Extent.Cy!.Value));
        Assert.Contains("Mã xác thực:", main.Document.Body!.InnerText, StringComparison.Ordinal);
    }
}
