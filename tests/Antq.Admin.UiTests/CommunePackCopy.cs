using System.Text.Json.Nodes;

namespace Antq.Admin.UiTests;

/// <summary>
/// The shipped commune pack (tt124.xa) under a test-only id, with TC04.b's threshold moved: a pack of a test's own, so
/// no other test's dossiers or versions are involved (<see cref="PackVersionUiTests"/>, <see cref="PackImpactUiTests"/>).
/// </summary>
internal static class CommunePackCopy
{
    /// <summary>The archive of <paramref name="version"/> with the "recognised" threshold at <paramref name="threshold"/> % (70 % shipped;
    /// the pack's own tests written for 70 % are left out of another threshold but for the passing sample).</summary>
    public static byte[] Zip(string packId, string title, string version, int threshold) =>
        PackArchives.Zip(PackArchives.Shipped("tt124.xa").Select(f => KeyValuePair.Create(f.Key, f.Key switch
        {
            "pack.json" => Manifest(f.Value, packId, title, version),
            "rules.json" => f.Value.Replace(">= 70\"", $">= {threshold}\"", StringComparison.Ordinal),
            _ => f.Value,
        })).Where(f => threshold == 70 || !f.Key.StartsWith("tests/", StringComparison.Ordinal) || f.Key == "tests/01-dat-tat-ca.json"));

    public static async Task UploadAsync(HttpClient admin, byte[] zip)
    {
        var upload = await admin.PostZipAsync("/api/packs", zip, "goi-thu-nghiem.zip");
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
    }

    private static string Manifest(string json, string packId, string title, string version)
    {
        var manifest = JsonNode.Parse(json)!.AsObject();
        manifest["id"] = packId;
        manifest["version"] = version;
        manifest["title"] = title;
        return manifest.ToJsonString();
    }
}
