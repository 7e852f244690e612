using Microsoft.Extensions.DependencyInjection;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Antq.Admin.Data.Entities;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Documents;

/// <summary>The documents API as the tests call it; qd9745.xa ships all three dossier documents.</summary>
internal static class DocumentHttp
{
    public const string Pack = "qd9745.xa";

    public static JsonElement ValidCommune => Samples.Data(Pack, "01-tat-ca-dat.json");

    /// <summary>Creates and submits a qd9745.xa submission for the unit; returns its id.</summary>
    public static async Task<Guid> SubmitAsync(this HttpClient unitClient, Unit unit, int year = 2025)
    {
        var id = await unitClient.CreateSubmissionAsync(unit, Pack, year, ValidCommune);
        await (await unitClient.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonElement> DocumentsAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/submissions/{id}/documents")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The listed versions of one document, newest first.</summary>
    public static async Task<List<JsonElement>> VersionsAsync(this HttpClient client, Guid id, string documentId) =>
        (await client.DocumentsAsync(id)).GetProperty("documents").EnumerateArray()
            .Where(d => d.GetProperty("documentId").GetString() == documentId).ToList();

    public static Task<HttpResponseMessage> DownloadAsync(this HttpClient client, Guid id, string documentId, int? version = null, string format = "html") =>
        client.GetAsync($"/api/submissions/{id}/documents/{documentId}?format={format}" + (version is { } v ? $"&version={v}" : ""));

    public static async Task<byte[]> BytesAsync(this HttpClient client, Guid id, string documentId, int? version = null, string format = "html")
    {
        var response = await client.DownloadAsync(id, documentId, version, format);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Re-issues with a reason (required by the server); pass <c>note: null</c> explicitly to send none.</summary>
    public static Task<HttpResponseMessage> ReissueAsync(this HttpClient client, Guid id, string documentId, string? note = "Sửa sai sót trình bày") =>
        client.PostAsJsonAsync($"/api/submissions/{id}/documents/{documentId}/reissue", new { note });

    public static object Meeting(int agree = 5) => new
    {
        start = "2025-10-03T14:00:00",
        end = "2025-10-03T16:30:00",
        place = "Hội trường Công an thành phố Biên Hòa",
        chair = new { name = "Nguyễn Văn An", title = "Trưởng Ban Chỉ đạo" },
        secretary = new { name = "Lê Thị Hoa", title = "Cán bộ Công an thành phố" },
        attendees = new[]
        {
            new { name = "Nguyễn Văn An", title = "Trưởng Ban Chỉ đạo" },
            new { name = "Trần Minh Đức", title = "Phó Trưởng Ban Chỉ đạo" },
            new { name = "Phạm Thị Lan", title = "Ủy viên" },
            new { name = "Võ Văn Hùng", title = "Ủy viên" },
            new { name = "Lê Thị Hoa", title = "Thư ký" },
        },
        votes = new { agree, disagree = 0, abstain = 5 - agree },
        conclusion = "Thống nhất đề nghị công nhận phường đạt danh hiệu điển hình.",
    };

    /// <summary>The reviewing level's appraisal of a dossier: an opinion on every criterion (the first one not agreed) unless <paramref name="complete"/> is false.</summary>
    public static object Appraisal(JsonElement submission, bool complete = true)
    {
        var criteria = submission.GetProperty("evaluation").GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        return new
        {
            appraiser = new { name = "Trần Văn Bình", title = "Phó Trưởng Công an thành phố" },
            opinions = criteria.Skip(complete ? 0 : 1).Select((id, i) => new
            {
                criterionId = id,
                agrees = i != 0,
                opinion = i == 0 ? "Chưa có biên bản kiểm tra của Công an phường kèm theo." : "",
            }),
            proposes = true,
            conclusion = "Hồ sơ cơ bản đầy đủ; đơn vị bổ sung biên bản kiểm tra trước khi trình.",
        };
    }

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A part of a DOCX (a zip), as text.</summary>
    public static string DocxPart(byte[] docx, string part)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        var entry = zip.GetEntry(part) ?? throw new InvalidOperationException($"{part} missing");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

/// <summary>Shipped packs changed for a test class: copied, edited, stored under another version and activated (the class's own database).</summary>
internal static class EditedPacks
{
    /// <summary>Makes the shipped version of the pack (read from the repository: it changes) the active one again (after a test activated an edited copy).</summary>
    public static Task ActivateShippedAsync(this AntqApiFactory factory, string packId) =>
        factory.WithServicesAsync(async s =>
            Assert.NotNull(await s.GetRequiredService<Antq.Admin.Features.Packs.PackRegistry>().ActivateAsync(packId, Packs.PackZips.ShippedVersion(packId), "test")));

    public static async Task ActivateEditedCopyAsync(this AntqApiFactory factory, string packId, string version, Action<System.Text.Json.Nodes.JsonNode> edit)
    {
        var source = Path.Combine(RepoPaths.Root, "criteria-packs", packId);
        var folder = Path.Combine(factory.DataDirectory, $"pack-{packId}-{version}");
        if (Directory.Exists(folder)) return;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pack.json")))!;
        manifest["version"] = version;
        edit(manifest);
        await File.WriteAllTextAsync(Path.Combine(folder, "pack.json"), manifest.ToJsonString());
        await factory.WithServicesAsync(async s =>
        {
            var registry = s.GetRequiredService<Antq.Admin.Features.Packs.PackRegistry>();
            Assert.IsType<Antq.Admin.Features.Packs.UploadOutcome.Created>(await registry.ImportFolderAsync(folder));
            Assert.NotNull(await registry.ActivateAsync(packId, version, "test"));
        });
    }
}
