using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Accounts;

/// <summary>Accounts whose unit lies in the administrator's scope.</summary>
public sealed class AccountQueries(AntqDbContext db, CurrentAccount current, TimeProvider time)
{
    public async Task<Page<AccountItem>> ListAsync(AccountFilter filter, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var scope = account.ScopeUnit.Path;
        var query = db.Users.AsNoTracking().Include(u => u.Unit).Where(u => u.Unit!.Path.StartsWith(scope));
        if (filter.UnitId is int unitId) query = query.Where(u => u.UnitId == unitId);
        if (!string.IsNullOrWhiteSpace(filter.Role))
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == filter.Role)));
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var upper = q.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(q));
        }
        var (skip, take) = (filter.SkipOrDefault, filter.TakeOrDefault);
        var total = await query.CountAsync(ct);
        var users = await query.OrderBy(u => u.Email).Skip(skip).Take(take).ToListAsync(ct);
        var roles = await RolesAsync(users.Select(u => u.Id).ToList(), ct);
        return new Page<AccountItem>(users.Select(u => ItemOf(u, u.Unit!, roles.GetValueOrDefault(u.Id, ""))).ToList(), total, skip, take);
    }

    public async Task<AccountItem> GetAsync(string id, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var user = await FindVisibleAsync(account, id, ct);
        return await ItemAsync(user, user.Unit!, ct);
    }

    /// <summary>The account if its unit lies in the administrator's scope; a 404 otherwise (no probing).</summary>
    internal async Task<AppUser> FindVisibleAsync(Account account, string id, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Unit).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user?.Unit is null || !account.CanSee(user.Unit)) throw new AccessDeniedException("Không tìm thấy tài khoản.", StatusCodes.Status404NotFound);
        return user;
    }

    internal async Task<AccountItem> ItemAsync(AppUser user, Unit unit, CancellationToken ct) =>
        ItemOf(user, unit, (await RolesAsync([user.Id], ct)).GetValueOrDefault(user.Id, ""));

    private AccountItem ItemOf(AppUser user, Unit unit, string role)
    {
        var disabled = user.Disabled;
        var lockedOut = disabled || user.LockoutEnd is { } end && end > time.GetUtcNow();
        return new AccountItem(user.Id, user.Email ?? "", user.DisplayName, role, unit.Id, unit.Code, unit.Name, !disabled, lockedOut, user.LockoutEnd);
    }

    /// <summary>One role per account; were there several, the strongest counts, as for <see cref="CurrentAccount"/>.</summary>
    private async Task<Dictionary<string, string>> RolesAsync(List<string> userIds, CancellationToken ct)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where userIds.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => Roles.All.FirstOrDefault(role => g.Any(p => p.Name == role)) ?? "");
    }
}
