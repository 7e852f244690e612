using Microsoft.Playwright;
using MiniExcelLibs;

namespace Antq.Admin.UiTests;

/// <summary>The dossier list's export button downloads the list as the user sees it, and the file opens.</summary>
[Collection(UiCollection.Name)]
public sealed class ExportsUiTests(UiServer server)
{
    [Fact]
    public async Task DossierList_ExcelButton_DownloadsTheListedDossiers()
    {
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, "tinh@dongnai.demo", "/ho-so");
        var links = page.Locator("[data-testid=export-links]");
        await links.WaitForAsync();
        var listed = await page.Locator("[data-testid=submission-list] tbody tr").CountAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => links.Locator("[data-export=xlsx]").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"antq-ui-export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            Assert.Equal(["Hồ sơ", "Giải thích", "Dữ liệu biểu mẫu"], MiniExcel.GetSheetNames(path));
            var rows = MiniExcel.Query(path, useHeaderRow: true, sheetName: "Hồ sơ").Cast<IDictionary<string, object?>>()
                .Where(r => r["Mã đơn vị"] is not null).ToList();
            Assert.Equal(listed, rows.Count);
            Assert.Contains("Tên đơn vị", MiniExcel.GetColumns(path, useHeaderRow: true, sheetName: "Hồ sơ").Cast<string>());
        }
        finally
        {
            File.Delete(path);
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => links.Locator("[data-export=csv]").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        await UiServer.ShotAsync(page, "xuat-danh-sach-ho-so");
    }
}
