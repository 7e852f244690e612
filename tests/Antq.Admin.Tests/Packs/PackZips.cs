using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Packs;

/// <summary>Builds pack archives in memory from the shipped packs, edited the way an administrator would.</summary>
internal static class PackZips
{
    public const string Tt124 = "tt124.xa";

    /// <summary>The shipped tt124.xa's version, read from the repository (it changes with each release of the pack).</summary>
    public static readonly string Tt124Version = ShippedVersion(Tt124);

    /// <summary>The next minor version after the shipped one: the revision the tests upload.</summary>
    public static readonly string Tt124Next = PackArchives.After(Tt124Version, minor: true);

    /// <summary>The next patch version after the shipped one.</summary>
    public static readonly string Tt124Patch = PackArchives.After(Tt124Version, minor: false);

    public static string ShippedVersion(string pack) => PackArchives.ShippedVersion(pack);

    /// <summary>The text files of a shipped pack folder, by relative path with forward slashes.</summary>
    public static Dictionary<string, string> Shipped(string pack) => PackArchives.Shipped(pack);

    /// <summary>
    /// A revision of tt124.xa: another version, and the "recognised" threshold of TC04.b moved from
    /// 70% to <paramref name="threshold"/>%. The boundary tests written for 70% (typed and from hierarchy facts) go with the old rule.
    /// </summary>
    public static Dictionary<string, string> Tt124Revision(string version, int threshold)
    {
        var files = WithVersion(Shipped(Tt124), version);
        const string oldRule = ">= 70\"";
        Assert.Equal(2, files["rules.json"].Split(oldRule).Length); // the rule is where we expect it, once
        files["rules.json"] = files["rules.json"].Replace(oldRule, $">= {threshold}\"", StringComparison.Ordinal);
        files.Remove("tests/12-cong-nhan-70-phan-tram.json");
        files.Remove("tests/13-cong-nhan-70-phan-tram-nhieu-loai.json");
        files.Remove("tests/38-du-lieu-he-thong-khi-khong-nhap.json"); // 7/9 + 6/8 = 76.5 % still passes; removed with the other 70 % cases for clarity
        files.Remove("tests/40-du-lieu-he-thong-70.json");
        return files;
    }

    public static Dictionary<string, string> WithVersion(Dictionary<string, string> files, string version)
    {
        var manifest = JsonNode.Parse(files["pack.json"])!;
        manifest["version"] = version;
        files["pack.json"] = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return files;
    }

    public static byte[] Zip(IReadOnlyDictionary<string, string> files, params (string Name, string Text)[] extra) =>
        PackArchives.Zip(files.Concat(extra.Select(e => KeyValuePair.Create(e.Name, e.Text))));

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] zip, string fileName = "goi.zip") =>
        client.PostZipAsync("/api/packs", zip, fileName);

    /// <summary>The data of one of tt124.xa's own test cases.</summary>
    public static JsonObject Tt124TestData(string testFile) =>
        JsonNode.Parse(Shipped(Tt124)[$"tests/{testFile}"])!["data"]!.AsObject();

    /// <summary>tt124.xa data where <paramref name="recognised"/> of 100 residential areas are recognised (all registered).</summary>
    public static JsonObject Tt124DataWithRecognised(int recognised)
    {
        var data = Tt124TestData("01-dat-tat-ca.json");
        var tc04 = data["tc04"]!.AsObject();
        tc04["khu_dan_cu"] = new JsonObject { ["tong_so"] = 100, ["so_dang_ky"] = 100, ["so_duoc_cong_nhan"] = recognised };
        foreach (var other in new[] { "co_quan", "doanh_nghiep", "co_so_giao_duc" })
            tc04[other] = new JsonObject { ["tong_so"] = 0, ["so_dang_ky"] = 0, ["so_duoc_cong_nhan"] = 0 };
        return data;
    }
}
