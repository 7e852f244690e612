using System.Text.Json.Nodes;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>
/// pack.json "requiredRoles" on the minutes of the unit's own meeting (docs/pack-format.md): whom the meeting must include,
/// by the ids of <see cref="MeetingRoles"/> (TT124 Điều 9 khoản 1), the Công an cơ sở when absent; unknown ids are refused.
/// </summary>
public sealed class MeetingRolesManifestTests
{
    private static PackLoadResult LoadWith(string packId, Action<JsonObject> editMinutes) => EditedPacks.Load(packId, manifest =>
        editMinutes(manifest["documents"]!.AsArray().Single(d => d!["id"]!.GetValue<string>() == "bien-ban-hop-xet")!.AsObject()));

    private static DocumentRef Minutes(PackLoadResult result) => result.Pack!.Manifest.Documents.Single(d => d.Id == "bien-ban-hop-xet");

    [Fact]
    public void ShippedOrganisationPack_RequiresPoliceAndManagingAuthority()
    {
        var result = LoadWith("tt124.co-quan-doanh-nghiep", _ => { });
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal([MeetingRoles.Police, MeetingRoles.ManagingAuthority], Minutes(result).RequiredRoles);
    }

    [Fact]
    public void Absent_ThePoliceOnly()
    {
        var result = LoadWith("tt124.khu-dan-cu", minutes => minutes.Remove("requiredRoles"));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal([MeetingRoles.Police], Minutes(result).RequiredRoles);
    }

    [Fact]
    public void UnknownRole_RefusedInVietnamese()
    {
        var result = LoadWith("tt124.co-so-giao-duc", minutes => minutes["requiredRoles"] = new JsonArray("cong-an", "hieu-truong"));
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors, e => e.Code == "manifest.meeting-role");
        Assert.Contains("\"hieu-truong\" không có trong danh mục thành phần cuộc họp đánh giá", error.Message, StringComparison.Ordinal);
        Assert.Contains("/documents/2/requiredRoles/1", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void RolesOnMinutesNotRequiredAtSubmit_Refused()
    {
        var result = LoadWith("tt124.khu-dan-cu", minutes => { minutes.Remove("requiredAtSubmit"); minutes["requiredRoles"] = new JsonArray("cong-an"); });
        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == "manifest.meeting-roles");
    }

    [Fact]
    public void RolesByKind_AsTheLawWordsThem()
    {
        Assert.Equal(["chu-tri", "cap-uy", "mat-tran", "doan-the", "cong-an", "khac"], MeetingRoles.For("khu-dan-cu", ["cong-an"]).Select(r => r.Id));
        Assert.Equal("Bí thư chi bộ", MeetingRoles.Name("cap-uy", "khu-dan-cu"));
        Assert.Equal(["chu-tri", "cap-uy", "doan-the", "bao-ve", "cong-an", "co-quan-quan-ly", "khac"], MeetingRoles.For("doanh-nghiep", ["cong-an"]).Select(r => r.Id));
        Assert.DoesNotContain(MeetingRoles.For("phuong", ["cong-an"]), r => r.Id == MeetingRoles.ManagingAuthority);
        // A role the pack requires is offered even where the law's list for the kind lacks it.
        Assert.Contains(MeetingRoles.For("phuong", ["cong-an", "co-quan-quan-ly"]), r => r.Id == MeetingRoles.ManagingAuthority);
    }
}
