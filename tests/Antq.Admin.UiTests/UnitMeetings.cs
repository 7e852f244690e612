using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The unit's own assessment meeting before it sends its dossier (TT124 Điều 9 khoản 1, khoản 2 điểm b): the shipped commune
/// packs require its minutes at submission, so a browser test that sends a dossier of them records the meeting first, as
/// the unit does — on its form page (through the API: <see cref="Antq.TestKit.OwnMeetings"/>).
/// </summary>
internal static class UnitMeetings
{
    /// <summary>On the unit's form page: opens the meeting form of the documents panel, fills it by role, records it; the minutes are listed.</summary>
    public static async Task RecordOnFormPageAsync(IPage page, string unitName, int year)
    {
        var panel = page.Locator("[data-testid=issued-documents]");
        await panel.Locator("[data-action=open-meeting]").ClickAsync();
        var start = page.Locator("[data-field=hop-bat-dau] input").First;
        await start.FillAsync($"08:00 03/10/{year}");
        await start.PressAsync("Tab");
        await page.FillAsync("[name=hop-dia-diem]", $"Hội trường Ủy ban nhân dân {unitName}");
        await page.FillAsync("[name=hop-chu-tri]", "Nguyễn Văn Bình - Chủ tịch Ủy ban nhân dân");
        await page.FillAsync("[name=hop-thu-ky]", "Lê Thị Hoa - Công chức Văn phòng - Thống kê");
        await page.FillAsync("[name=hop-vai-tro-chu-tri]", "Nguyễn Văn Bình - Chủ tịch Ủy ban nhân dân");
        await page.FillAsync("[name=hop-vai-tro-cap-uy]", "Trần Văn Cường - Phó Bí thư Đảng ủy");
        await page.FillAsync("[name=hop-vai-tro-mat-tran]", "Phạm Thị Dung - Chủ tịch Ủy ban Mặt trận Tổ quốc");
        await page.FillAsync("[name=hop-vai-tro-cong-an]", "Võ Văn Em - Trưởng Công an");
        var agree = page.Locator("[data-field=hop-tan-thanh] input").First;
        await agree.FillAsync("4");
        await agree.PressAsync("Tab");
        await page.FillAsync("[name=hop-ket-luan]", "Thống nhất kết quả tự đánh giá các tiêu chí; hoàn tất hồ sơ đề nghị công nhận.");
        await page.Locator("[data-action=record-meeting]").ClickAsync();
        await Assertions.Expect(panel.Locator("tr[data-document=bien-ban-hop-xet]")).ToHaveCountAsync(1);
    }
}
