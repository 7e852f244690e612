using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>pack.json "recognition" (docs/packs.md, "Who recognises"): read, validated, optional.</summary>
public sealed class RecognitionManifestTests
{
    // null: no table at all (the shipped pack has one), as in packs written before "recognition" existed.
    private static PackLoadResult LoadWith(JsonArray? recognition) => EditedPacks.Load("tt124.xa", manifest =>
    {
        if (recognition is null) manifest.Remove("recognition");
        else manifest["recognition"] = recognition;
    });

    [Fact]
    public void Recognition_Read()
    {
        var result = LoadWith(JsonNode.Parse("""
            [ { "unitKinds": ["xa", "phuong"], "by": "district", "until": "2025-06-30" },
              { "unitKinds": ["xa", "phuong"], "by": "province", "from": "2025-07-01", "note": "[I] TT48" },
              { "unitKinds": ["co-quan"], "managedAt": ["province"], "by": "province", "delegable": true } ]
            """)!.AsArray());
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        var rules = result.Pack!.Manifest.Recognition;
        Assert.Equal(3, rules.Count);
        Assert.Equal(new DateOnly(2025, 6, 30), rules[0].Until);
        Assert.Equal("province", rules[1].By);
        Assert.True(rules[2].Delegable);
        Assert.Equal(["province"], rules[2].ManagedAt);
    }

    [Fact]
    public void Recognition_Absent_OldPackStillValid()
    {
        var result = LoadWith(null);
        Assert.True(result.Ok);
        Assert.Empty(result.Pack!.Manifest.Recognition);
    }

    [Fact]
    public void Recognition_WithoutBy_Refused()
    {
        var result = LoadWith(JsonNode.Parse("""[ { "unitKinds": ["xa"] } ]""")!.AsArray());
        Assert.False(result.Ok);
    }

    [Fact]
    public void Recognition_ImpossibleDate_Refused()
    {
        var result = LoadWith(JsonNode.Parse("""[ { "by": "province", "from": "2025-02-30" } ]""")!.AsArray());
        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == "manifest.date");
    }
}
