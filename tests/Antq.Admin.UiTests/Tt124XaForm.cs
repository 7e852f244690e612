using Microsoft.Playwright;
using static Antq.Admin.UiTests.FormPage;

namespace Antq.Admin.UiTests;

/// <summary>Parts of the tt124.xa form (Điều 5 Thông tư 124) typed as a commune official does, shared by the journeys.</summary>
internal static class Tt124XaForm
{
    /// <summary>
    /// Criteria 2 and 3 met: the movement carried out in full, no case of khoản 3 Điều 4, khoản 4 Điều 4 points a–d
    /// (fewer cases than last year, none serious, nothing new, no fires), the people's committee advising, nobody disciplined.
    /// </summary>
    public static async Task MeetCriteria2And3Async(IPage page)
    {
        await ChooseAsync(page, "/tc02/k2/thuc_hien_day_du", "Có");
        foreach (var name in new[] { "so_vu_chong_dang", "so_vu_pha_hoai", "so_vu_tin_nguong_trai_phap_luat", "so_vu_loi_dung", "so_vu_ly_khai", "so_vu_mau_thuan_keo_dai", "so_vu_kich_dong" })
            await TypeAsync(page, $"/tc02/k3/{name}", "0");
        await TypeAsync(page, "/tc02/k4/a/so_vu_nam_truoc", "5");
        await TypeAsync(page, "/tc02/k4/a/so_vu_ky_nay", "4");
        await TypeAsync(page, "/tc02/k4/b/so_vu", "0");
        await TypeAsync(page, "/tc02/k4/c/so_tu_diem_phat_sinh", "0");
        await TypeAsync(page, "/tc02/k4/c/so_nguoi_mac_te_nan_phat_sinh", "0");
        await ChooseAsync(page, "/tc02/k4/c/quan_ly_giao_duc_hieu_qua", "Có");
        await TypeAsync(page, "/tc02/k4/d/so_vu", "0");
        await ChooseAsync(page, "/tc03/chu_dong_tham_muu", "Có");
        await TypeAsync(page, "/tc03/so_ca_nhan_bi_ky_luat", "0");
    }
}
