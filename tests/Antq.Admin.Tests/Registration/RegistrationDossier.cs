using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Antq.Admin.Tests.Submissions;

namespace Antq.Admin.Tests.Registration;

/// <summary>
/// The files a registration must carry before it is sent (TT124 Điều 9 khoản 2 điểm a): every test that sends a
/// registration attaches them here, in one place.
/// </summary>
public static class RegistrationDossier
{
    public const string Resolution = "nghi-quyet";
    public const string SecurityPlan = "ke-hoach";

    /// <summary>A small, valid PDF (what a scanned resolution is).</summary>
    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// <summary>Attaches the party committee's resolution and the security plan.</summary>
    public static async Task AttachAsync(HttpClient client, Guid registration)
    {
        await UploadAsync(client, registration, Resolution, "Nghị quyết Đảng ủy.pdf", Pdf("nghi quyet"));
        await UploadAsync(client, registration, SecurityPlan, "Kế hoạch ANTT.pdf", Pdf("ke hoach"));
    }

    public static async Task<JsonElement> UploadAsync(HttpClient client, Guid registration, string kind, string fileName, byte[] bytes,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await (await client.PostAsync($"/api/registrations/{registration}/files/{kind}", form)).ExpectAsync(expected);
    }
}
