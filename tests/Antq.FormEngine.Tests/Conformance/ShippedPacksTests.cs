using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Conformance;

/// <summary>Every folder in criteria-packs/ is accepted and passes its own tests; so does the benchmark pack.</summary>
public sealed class ShippedPacksTests
{
    public static TheoryData<string> ShippedPacks()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Repo.CriteriaPacks).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPacks))]
    public void Load_ShippedPack_AcceptedAndItsTestsPass(string folder)
    {
        var result = PackLoader.Load(Path.Combine(Repo.CriteriaPacks, folder), new PackLoadOptions { TemplateDirectory = Repo.Templates });
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(folder, result.Pack!.Manifest.Id);
        Assert.NotEmpty(result.TestResults);
        Assert.All(result.TestResults, t => Assert.True(t.Passed, $"{t.File}: {string.Join("; ", t.Failures)}"));
    }

    [Fact]
    public void ShippedPacks_AllSixCriteriaSetsArePresent()
    {
        var ids = Directory.GetDirectories(Repo.CriteriaPacks).Select(Path.GetFileName).ToHashSet();
        foreach (var id in new[] { "qd9745.xa", "qd9745.co-quan-doanh-nghiep-giao-duc", "tt124.xa", "tt124.co-quan-doanh-nghiep", "tt124.co-so-giao-duc", "tt124.khu-dan-cu" })
            Assert.Contains(id, ids);
    }

    [Fact]
    public void Load_BenchmarkPack_AcceptedWithAllThirteenTestsPassing()
    {
        var result = PackLoader.Load(Repo.TestData("synthetic-34"));
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(13, result.TestResults.Count(t => t.Passed));
    }
}
