using Microsoft.AspNetCore.Http;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Vietnamese titles for problems the framework writes itself (a too-large body, an unknown route,
/// a missing token), so every ProblemDetails a user sees speaks Vietnamese.
/// </summary>
public static class ProblemTitles
{
    public static void Vietnamese(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var (title, detail) = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ("Yêu cầu không hợp lệ", "Yêu cầu không đọc được hoặc thiếu thông tin."),
            StatusCodes.Status401Unauthorized => ("Chưa đăng nhập", "Cần đăng nhập để dùng chức năng này."),
            StatusCodes.Status403Forbidden => ("Không có quyền", "Tài khoản không có quyền thực hiện thao tác này."),
            StatusCodes.Status404NotFound => ("Không tìm thấy", "Không tìm thấy địa chỉ hoặc dữ liệu được yêu cầu."),
            StatusCodes.Status405MethodNotAllowed => ("Phương thức không được hỗ trợ", "Địa chỉ này không nhận phương thức HTTP đó."),
            StatusCodes.Status413PayloadTooLarge => ("Tệp quá lớn", "Dữ liệu gửi lên vượt dung lượng tối đa mà chức năng này nhận (tệp minh chứng, hồ sơ đăng ký: theo giới hạn ghi trên biểu mẫu; gói tiêu chí: 10 MiB). Hãy chọn tệp nhỏ hơn."),
            StatusCodes.Status415UnsupportedMediaType => ("Định dạng không được hỗ trợ", "Kiểu nội dung gửi lên không đúng."),
            _ => ((string?)null, (string?)null),
        };
        // Keep the titles and details our own code chose; fill in the framework's English defaults.
        if (title is not null && (problem.Title is null || IsEnglishDefault(problem.Title))) problem.Title = title;
        if (detail is not null && problem.Detail is null) problem.Detail = detail;
        problem.Extensions.TryAdd("referenceId", context.HttpContext.TraceIdentifier);
    }

    private static bool IsEnglishDefault(string title) => title.All(c => c < 128);
}
