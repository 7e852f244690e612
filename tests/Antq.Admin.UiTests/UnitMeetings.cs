using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The unit's own assessment meeting before it sends its dossier (TT124 Điều 9 khoản 1, khoản 2 điểm b): the shipped packs
/// require its minutes at submission, so a browser test that sends a dossier of them records the meeting first, as
/// the unit does — on its form page (through the API: <see cref="Antq.TestKit.OwnMeetings"/>).
/// </summary>
internal static class UnitMeetings
{
    private static readonly (string Role, string Person)[] People =
    [
        ("chu-tri", "Nguyễn Văn Bình - Chủ tịch Ủy ban nhân dân"),
        ("cap-uy", "Trần Văn Cường - Phó Bí thư Đảng ủy"),
        ("mat-tran", "Phạm Thị Dung - Chủ tịch Ủy ban Mặt trận Tổ quốc"),
        ("cong-an", "Võ Văn Em - Trưởng Công an"),
        ("co-quan-quan-ly", "Đặng Thị Giang - Phó Trưởng phòng, cơ quan quản lý trực tiếp"),
    ];

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
        // The roles offered follow the unit's kind (TT124 Điều 9 khoản 1 a–c): only those on the form are filled.
        var present = 0;
        foreach (var (role, person) in People)
        {
            var field = page.Locator($"[name=hop-vai-tro-{role}]");
            if (await field.CountAsync() == 0) continue;
            await field.FillAsync(person);
            present++;
        }
        var agree = page.Locator("[data-field=hop-tan-thanh] input").First;
        await agree.FillAsync(present.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await agree.PressAsync("Tab");
        await page.FillAsync("[name=hop-ket-luan]", "Thống nhất kết quả tự đánh giá các tiêu chí; hoàn tất hồ sơ đề nghị công nhận.");
        await page.Locator("[data-action=record-meeting]").ClickAsync();
        await Assertions.Expect(panel.Locator("tr[data-document=bien-ban-hop-xet]")).ToHaveCountAsync(1);
    }
}
