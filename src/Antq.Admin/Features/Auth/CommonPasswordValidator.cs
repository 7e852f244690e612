using System.Reflection;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Auth;

/// <summary>
/// Refuses passwords on a list of the 10,000 most common ones (CommonPasswords/, MIT), ignoring case, and a listed
/// password followed only by digits and punctuation ("baseball2025!"). The minimum length (10) is Identity's own rule.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string Code = "PasswordTooCommon";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác." })
            : IdentityResult.Success);

    public static bool IsCommon(string? password)
    {
        if (string.IsNullOrEmpty(password)) return false;
        var lower = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lower)) return true;
        var stem = lower.TrimEnd("0123456789!@#$%^&*()-_=+.,;:?/\\|~`'\"[]{}<> ".ToCharArray());
        return stem.Length >= 4 && List.Value.Contains(stem);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) set.Add(word);
        return set;
    }
}
