using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Packs;

internal static class PackAssert
{
    /// <summary>The pack is refused as a whole, with at least one error of <paramref name="code"/>.</summary>
    public static PackError Refused(PackReadResult result, string code)
    {
        Assert.False(result.Ok);
        Assert.Null(result.Files);
        var error = Assert.Single(result.Errors, e => e.Code == code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    public static PackFiles Accepted(PackReadResult result)
    {
        Assert.Empty(result.Errors);
        Assert.True(result.Ok);
        return result.Files!;
    }

    public static string Text(PackFiles files, string name) => System.Text.Encoding.UTF8.GetString(files.Get(name)!);
}
