using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Packs;

internal static class PackAuthorization
{
    /// <summary>Pack versions are province-wide rules: only province administrators (<see cref="Account.IsProvinceAdmin"/>)
    /// upload, activate or preview them; an administrator scoped to a subtree gets a 403 like any other account.</summary>
    public static async Task<Account> RequireAdminAsync(this CurrentAccount current, CancellationToken cancellationToken)
    {
        var account = await current.RequireAsync(cancellationToken);
        if (!account.IsProvinceAdmin) throw new AccessDeniedException("Chỉ quản trị viên cấp tỉnh được quản lý gói tiêu chí.");
        return account;
    }

    public static PackActor Actor(this Account account) => new(account.UserId, account.Name, account.ScopeUnit.Id);

    public static AccessDeniedException PackNotFound(string packId) =>
        new($"Không tìm thấy gói tiêu chí “{packId}”.", StatusCodes.Status404NotFound);

    public static AccessDeniedException VersionNotFound(string packId, string version) =>
        new($"Không tìm thấy phiên bản {version} của gói tiêu chí “{packId}”.", StatusCodes.Status404NotFound);
}
