using System.Text.RegularExpressions;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Units;

/// <summary>Checks shared by the unit routes and the import, so a file and a form are held to the same rules.</summary>
public static partial class UnitRules
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 300;

    /// <summary>The account, when it is an administrator; a 403 otherwise (before looking at anything it sent).</summary>
    public static async Task<Account> RequireAdminAsync(this CurrentAccount current, CancellationToken ct = default)
    {
        var account = await current.RequireAsync(ct);
        if (!account.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được thực hiện thao tác này.");
        return account;
    }

    /// <summary>The message for a bad unit code, or null when it is acceptable.</summary>
    public static string? CodeProblem(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "Cần nhập mã đơn vị."
        : code.Length > MaxCodeLength ? $"Mã đơn vị dài tối đa {MaxCodeLength} ký tự."
        : !CodePattern().IsMatch(code) ? "Mã đơn vị chỉ gồm chữ, số và các dấu . - _ (không có khoảng trắng)."
        : null;

    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Cần nhập tên đơn vị."
        : name.Length > MaxNameLength ? $"Tên đơn vị dài tối đa {MaxNameLength} ký tự."
        : null;

    /// <summary>Ids of levels and kinds are what packs and files name: lower-case ASCII and dashes.</summary>
    public static bool IsDataId(string? id) => id is { Length: > 0 and <= 64 } && DataIdPattern().IsMatch(id);

    public const string RankMessage = "Cấp của đơn vị phải thấp hơn cấp của đơn vị cha (thứ bậc lớn hơn).";
    public const string ParentNotFound = "Không tìm thấy đơn vị cha trong phạm vi quản lý.";
    public const string CycleMessage = "Không thể chuyển đơn vị vào dưới chính nó hoặc một đơn vị cấp dưới của nó.";
    public const string CodeTaken = "Mã đơn vị đã được dùng.";

    [GeneratedRegex(@"^[\p{L}\p{N}._-]+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex DataIdPattern();
}
