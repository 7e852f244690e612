using System.Text.Json.Nodes;
using Antq.FormEngine.Packs.Diff;

namespace Antq.FormEngine.Tests.Packs.Diff;

/// <summary>The readable diff, on real shipped packs with controlled edits.</summary>
public sealed class PackDiffTests
{
    private const string Commune = "qd9745.xa";

    private static PackDiffEntry Entry(PackDiffResult diff, string key) =>
        Assert.Single(diff.Entries, e => e.Key == key);

    private static JsonArray Rules(JsonNode rules) => rules[0]!["Rules"]!.AsArray();

    private static JsonObject Rule(JsonNode rules, string name) =>
        Rules(rules).Select(r => r!.AsObject()).Single(r => r["RuleName"]!.GetValue<string>() == name);

    [Fact]
    public void Compare_SameContent_NoEntries()
    {
        using var copy = new PackVariant(Commune);

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), copy.Load());

        Assert.True(diff.Same, string.Join("\n", diff.Entries.Select(e => e.Description)));
        Assert.Equal(Commune, diff.PackId);
    }

    [Fact]
    public void Compare_ThresholdMovedAndVersionBumped_NamesTheThresholdAndVersion()
    {
        var shipped = PackVariant.Shipped(Commune);
        using var revised = new PackVariant(Commune).Version("9.0.0").Json("rules.json", rules =>
        {
            var b = Rule(rules, "AT04")["Rules"]!.AsArray().Single(r => r!["RuleName"]!.GetValue<string>() == "AT04.b")!;
            b["Expression"] = b["Expression"]!.GetValue<string>().Replace(">= 70", ">= 75", StringComparison.Ordinal);
        });

        var diff = PackDiff.Compare(shipped, revised.Load());

        var version = Entry(diff, "pack#version");
        Assert.Equal((DiffKind.Changed, DiffArea.Manifest, shipped.Manifest.Version, "9.0.0"), (version.Kind, version.Area, version.Before, version.After));
        var threshold = Entry(diff, "AT04/AT04.b#expression");
        Assert.Equal((DiffKind.Changed, DiffArea.Criteria), (threshold.Kind, threshold.Area));
        Assert.EndsWith(">= 70", threshold.Before);
        Assert.EndsWith(">= 75", threshold.After);
        Assert.Contains("Tiêu chí con AT04.b", threshold.Description);
        Assert.Contains("ngưỡng thay đổi 70 → 75", threshold.Description);
        Assert.Equal(2, diff.Entries.Count);
    }

    [Fact]
    public void Compare_FieldAddedLabelAndLimitChanged_ListsEachFieldChange()
    {
        using var revised = new PackVariant(Commune).Json("form.schema.json", schema =>
        {
            var tc01 = schema["properties"]!["tc01"]!;
            tc01["properties"]!["so_hoi_nghi"] = new JsonObject
            {
                ["type"] = "integer", ["minimum"] = 0, ["title"] = "Số hội nghị quán triệt đã tổ chức",
                ["x-ui"] = new JsonObject { ["widget"] = "number", ["order"] = 5, ["visibleWhen"] = "form.tc01.dat == true" },
            };
            tc01["required"]!.AsArray().Add("so_hoi_nghi");
            tc01["properties"]!["cach_thuc"]!["title"] = "Cách thức quán triệt, triển khai";
            tc01["properties"]!["cach_thuc"]!["maxLength"] = 2000;
        });

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), revised.Load());

        var added = Entry(diff, "/tc01/so_hoi_nghi");
        Assert.Equal((DiffKind.Added, DiffArea.Form), (added.Kind, added.Area));
        Assert.Null(added.Before);
        Assert.Contains("Thêm trường “Số hội nghị quán triệt đã tổ chức” (tc01.so_hoi_nghi)", added.Description);
        Assert.Contains("số nguyên (ô number), bắt buộc, giá trị nhỏ nhất 0", added.Description);
        Assert.Contains("hiện khi form.tc01.dat == true", added.After);
        var label = Entry(diff, "/tc01/cach_thuc#title");
        Assert.Equal(("Cách thức thực hiện", "Cách thức quán triệt, triển khai"), (label.Before, label.After));
        var limit = Entry(diff, "/tc01/cach_thuc#maxLength");
        Assert.Equal(("4000", "2000"), (limit.Before, limit.After));
        Assert.Contains("độ dài tối đa", limit.Description);
        Assert.Equal(3, diff.Entries.Count);
    }

    [Fact]
    public void Compare_RequiredDroppedAndVisibilityAdded_DescribesBoth()
    {
        using var revised = new PackVariant(Commune).Json("form.schema.json", schema =>
        {
            var tc01 = schema["properties"]!["tc01"]!;
            tc01["required"] = new JsonArray();
            tc01["properties"]!["ly_do_chua_dat"]!["x-ui"]!["visibleWhen"] = "form.tc01.dat != true";
        });

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), revised.Load());

        var required = Entry(diff, "/tc01/dat#required");
        Assert.Equal(("bắt buộc", "không bắt buộc"), (required.Before, required.After));
        Assert.Contains("không còn bắt buộc", required.Description);
        var visible = Entry(diff, "/tc01/ly_do_chua_dat#x-ui.visibleWhen");
        Assert.Equal(("form.tc01.dat == false", "form.tc01.dat != true"), (visible.Before, visible.After));
        Assert.Contains("điều kiện hiển thị", visible.Description);
        Assert.Equal(2, diff.Entries.Count);
    }

    [Fact]
    public void Compare_CriterionDroppedAndPropertiesChanged_RemovedOnceWithChildrenCounted()
    {
        using var revised = new PackVariant(Commune).Json("rules.json", rules =>
        {
            Rules(rules).Remove(Rule(rules, "TC34"));
            Rules(rules).Remove(Rule(rules, "AT04"));
            Rule(rules, "TC05")["Properties"]!["points"] = 2;
            Rule(rules, "TC05")["Properties"]!["wording"] = "verbatim";
            Rule(rules, "TC06")["Enabled"] = false;
            Rule(rules, "TC07")["ErrorMessage"] = "Tiêu chí 7 chưa đạt";
        });

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), revised.Load());

        var dropped = Entry(diff, "TC34");
        Assert.Equal((DiffKind.Removed, "form.tc34.dat == true"), (dropped.Kind, dropped.Before));
        Assert.StartsWith("Bỏ tiêu chí TC34 “Tiêu chí 34", dropped.Description);
        var withChildren = Entry(diff, "AT04");
        Assert.EndsWith("(gồm 2 tiêu chí con)", withChildren.Description);
        Assert.DoesNotContain(diff.Entries, e => e.Key.StartsWith("AT04/", StringComparison.Ordinal));
        Assert.Equal(("0", "2"), (Entry(diff, "TC05#properties.points").Before, Entry(diff, "TC05#properties.points").After));
        Assert.Contains("cách diễn đạt", Entry(diff, "TC05#properties.wording").Description);
        Assert.Contains("bị tắt", Entry(diff, "TC06#enabled").Description);
        Assert.Equal("Tiêu chí 7 chưa đạt", Entry(diff, "TC07#errorMessage").After);
        Assert.All(diff.Entries, e => Assert.Equal(DiffArea.Criteria, e.Area));
        Assert.Equal(6, diff.Entries.Count);
    }

    [Fact]
    public void Compare_DeadlineMovedAndRemindersChanged_ShowsDatesAndOffsets()
    {
        using var revised = new PackVariant(Commune).Json("deadlines.json", deadlines =>
        {
            var d = deadlines.AsArray().Single(x => x!["id"]!.GetValue<string>() == "xa-gui-ho-so")!;
            d["due"] = "10-05";
            d["remind"] = new JsonArray("P2W", "P3D");
            deadlines.AsArray().Remove(deadlines.AsArray().Single(x => x!["id"]!.GetValue<string>() == "tinh-cong-nhan"));
        });

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), revised.Load());

        var due = Entry(diff, "deadline:xa-gui-ho-so#due");
        Assert.Equal((DiffArea.Deadlines, "30/09", "05/10"), (due.Area, due.Before, due.After));
        Assert.Contains("hạn (trước ngày): 30/09 → 05/10", due.Description);
        var remind = Entry(diff, "deadline:xa-gui-ho-so#remind");
        Assert.Equal(("14 ngày, 7 ngày, 1 ngày", "14 ngày, 3 ngày"), (remind.Before, remind.After));
        Assert.Equal(DiffKind.Removed, Entry(diff, "deadline:tinh-cong-nhan").Kind);
        Assert.Equal(3, diff.Entries.Count);
    }

    [Fact]
    public void Compare_OutcomeLevelsAndManifest_TitlesConditionsOrderAndLegalBasis()
    {
        using var revised = new PackVariant(Commune).Json("pack.json", manifest =>
        {
            var outcome = manifest["outcome"]!.AsArray();
            outcome[0]!["title"] = "Đạt điển hình";
            outcome[1]!["when"] = "notMet == 0 && notEvaluable <= 2";
            outcome.Insert(2, new JsonObject { ["id"] = "gan-dat", ["title"] = "Gần đạt", ["when"] = "notMet <= 2" });
            manifest["legalBasis"]!.AsArray().Add("Kế hoạch số 612/KH-BCA-V05 năm 2025 của Bộ Công an");
            manifest["recognisedBy"] = "province";
        });

        var diff = PackDiff.Compare(PackVariant.Shipped(Commune), revised.Load());

        Assert.Equal("Đạt điển hình", Entry(diff, "outcome:dat#title").After);
        Assert.Equal("notMet == 0 && notEvaluable <= 2", Entry(diff, "outcome:can-bo-sung#when").After);
        var added = Entry(diff, "outcome:gan-dat");
        Assert.Equal((DiffKind.Added, DiffArea.Outcome), (added.Kind, added.Area));
        Assert.Contains("Gần đạt", added.Description);
        Assert.Equal(DiffKind.Added, diff.Entries.Single(e => e.Key.StartsWith("pack#legalBasis:", StringComparison.Ordinal)).Kind);
        Assert.Equal(("district", "province"), (Entry(diff, "pack#recognisedBy").Before, Entry(diff, "pack#recognisedBy").After));
        // Areas come in reading order: manifest before outcome.
        Assert.True(diff.Entries.ToList().FindIndex(e => e.Area == DiffArea.Outcome) > diff.Entries.ToList().FindLastIndex(e => e.Area == DiffArea.Manifest));
    }

    [Fact]
    public void Compare_PackTemplateAddedThenEdited_LineDiffSummary()
    {
        var shared = File.ReadAllText(Path.Combine(Support.Repo.Templates, "to-trinh.scriban"));
        using var first = new PackVariant(Commune).Text("templates/to-trinh.scriban", _ => shared);
        var lines = shared.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        // A line before the stamp at the end (outside any Scriban block).
        var at = lines.Length - 3;
        var edited = string.Join('\n', lines.Take(at).Append("<p>Dòng bổ sung của tỉnh</p>").Concat(lines.Skip(at)));
        using var second = new PackVariant(Commune).Text("templates/to-trinh.scriban", _ => edited);

        var added = PackDiff.Compare(PackVariant.Shipped(Commune), first.Load());
        var changed = PackDiff.Compare(first.Load(), second.Load());

        var addedEntry = Entry(added, "template:to-trinh");
        Assert.Equal((DiffKind.Added, DiffArea.Templates), (addedEntry.Kind, addedEntry.Area));
        Assert.Contains($"({lines.Length} dòng)", addedEntry.Description);
        var entry = Entry(changed, "template:to-trinh");
        Assert.Equal(DiffKind.Changed, entry.Kind);
        Assert.Equal("Mẫu văn bản “to-trinh” thay đổi: thêm 1 dòng, bỏ 0 dòng", entry.Description);
        Assert.Equal($"+ {at + 1}: <p>Dòng bổ sung của tỉnh</p>", entry.After);
        Assert.Equal("", entry.Before);
    }

    [Fact]
    public void LineDiff_ReplacedAndAppendedLines_NumberedInTheirOwnFile()
    {
        var result = LineDiff.Compute(["a", "b", "c", "d", "e"], ["a", "x", "c", "d", "e", "y"]);

        Assert.Equal([(2, "b")], result.Removed);
        Assert.Equal([(2, "x"), (6, "y")], result.Added);
    }
}
