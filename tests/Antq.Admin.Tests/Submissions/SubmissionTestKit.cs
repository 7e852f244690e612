using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Submissions;

/// <summary>Form data from the shipped packs' own test cases, so the tests use real, checked forms.</summary>
internal static class Samples
{
    public const string CommunePack = "tt124.xa";
    public const string SchoolPack = "qd9745.co-quan-doanh-nghiep-giao-duc";

    public static JsonElement ValidCommune => Data(CommunePack, "01-dat-tat-ca.json");
    public static JsonElement FailingCommune => Data(CommunePack, "02-chua-dat-tat-ca.json");
    public static JsonElement InvalidCommune => Data(CommunePack, "21-khong-hop-le-so-am.json");
    public static JsonElement ValidSchool => Data(SchoolPack, "01-tat-ca-dat.json");

    public static JsonElement Data(string packId, string testFile)
    {
        var path = Path.Combine(RepoPaths.Root, "criteria-packs", packId, "tests", testFile);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("data").Clone();
    }
}

/// <summary>Packs the submission tests need stored.</summary>
internal static class SubmissionPacks
{
    /// <summary>Stores (without activating) the shipped commune pack under another version number.</summary>
    public static async Task StoreCopyOfCommunePackAsync(this AntqApiFactory factory, string version)
    {
        var source = Path.Combine(RepoPaths.Root, "criteria-packs", Samples.CommunePack);
        var folder = Path.Combine(factory.DataDirectory, "pack-copy-" + version);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pack.json")))!;
        manifest["version"] = version;
        await File.WriteAllTextAsync(Path.Combine(folder, "pack.json"), manifest.ToJsonString());
        var outcome = await factory.WithServicesAsync(s => s.GetRequiredService<PackRegistry>().ImportFolderAsync(folder));
        Assert.IsType<UploadOutcome.Created>(outcome);
    }
}

/// <summary>The submissions API as the tests call it.</summary>
internal static class SubmissionHttp
{
    public static Task<HttpResponseMessage> PutSubmissionAsync(this HttpClient client, Guid id, object body) =>
        client.PutAsJsonAsync($"/api/submissions/{id}", body);

    /// <summary>Creates a submission and returns its id (fails the test unless 201).</summary>
    public static async Task<Guid> CreateSubmissionAsync(this HttpClient client, Unit unit, string packId, int year, JsonElement data)
    {
        var id = Guid.NewGuid();
        var response = await client.PutSubmissionAsync(id, new { unitId = unit.Id, packId, year, data });
        await response.ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/submissions/{id}/{action}", body ?? new { });

    /// <summary>
    /// Sends the dossier as its unit does: where the pack has the unit hold its own assessment meeting (its minutes
    /// <c>requiredAtSubmit</c>, TT124 Điều 9 khoản 1, khoản 2 điểm b) and the unit has not recorded one, the unit records
    /// it first through the API (<see cref="OwnMeetings"/>), then submits. Tests of the refusal itself call <c>ActAsync(id, "submit")</c>.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient unitClient, Guid id)
    {
        await OwnMeetings.HoldAsync(unitClient, id);
        return await unitClient.ActAsync(id, "submit");
    }

    public static Task<HttpResponseMessage> GetSubmissionAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/submissions/{id}");

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body, if any.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ReadSubmissionAsync(this HttpClient client, Guid id) =>
        await (await client.GetSubmissionAsync(id)).ExpectAsync(HttpStatusCode.OK);

    public static async Task<IReadOnlyList<Guid>> ListIdsAsync(this HttpClient client, string query = "")
    {
        var list = await (await client.GetAsync($"/api/submissions{query}")).ExpectAsync(HttpStatusCode.OK);
        return list.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
    }

    public static string Status(this JsonElement submission) => submission.GetProperty("status").GetString()!;

    public static int Revision(this JsonElement submission) => submission.GetProperty("revision").GetInt32();

    public static int? PendingUnitId(this JsonElement submission) =>
        submission.GetProperty("pendingUnit") is { ValueKind: JsonValueKind.Object } unit ? unit.GetProperty("id").GetInt32() : null;
}
