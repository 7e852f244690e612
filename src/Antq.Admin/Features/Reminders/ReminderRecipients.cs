using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>An account reminders can go to.</summary>
public sealed record Recipient(string UserId, string Name, string? Email, string Role, int UnitId);

/// <summary>
/// The unit and reviewer accounts by unit, read once per planner run. An account's role is the
/// strongest it holds (as <see cref="Infrastructure.CurrentAccount"/> reads it), so administrators
/// get no reminders; disabled (locked) accounts get none either.
/// </summary>
public sealed class RecipientDirectory
{
    private readonly ILookup<int, Recipient> _units;
    private readonly ILookup<int, Recipient> _reviewers;

    private RecipientDirectory(IEnumerable<Recipient> people)
    {
        var list = people.OrderBy(p => p.Email ?? p.UserId, StringComparer.Ordinal).ToList();
        _units = list.Where(p => p.Role == Roles.UnitUser).ToLookup(p => p.UnitId);
        _reviewers = list.Where(p => p.Role == Roles.Reviewer).ToLookup(p => p.UnitId);
    }

    public IEnumerable<Recipient> UnitAccountsAt(int unitId) => _units[unitId];

    public IEnumerable<Recipient> ReviewersAt(int? unitId) => unitId is int id ? _reviewers[id] : [];

    public static Task<RecipientDirectory> LoadAsync(AntqDbContext db, DateTimeOffset now, CancellationToken ct) =>
        LoadAsync(db.Users.AsNoTracking(), db, ct);

    /// <summary>Only the accounts of <paramref name="unitIds"/> (a step of the procedure tells a few units).</summary>
    public static Task<RecipientDirectory> LoadAsync(AntqDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        LoadAsync(db.Users.AsNoTracking().Where(u => unitIds.Contains(u.UnitId)), db, ct);

    private static async Task<RecipientDirectory> LoadAsync(IQueryable<AppUser> users, AntqDbContext db, CancellationToken ct)
    {
        var rows = await (
                from user in users
                join link in db.UserRoles on user.Id equals link.UserId
                join role in db.Roles on link.RoleId equals role.Id
                select new { user.Id, user.DisplayName, user.Email, user.UnitId, user.Disabled, Role = role.Name })
            .ToListAsync(ct);
        var people = rows
            .Where(r => !r.Disabled)
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var roles = g.Select(r => r.Role).ToHashSet();
                var role = roles.Contains(Roles.Admin) ? Roles.Admin : roles.Contains(Roles.Reviewer) ? Roles.Reviewer : roles.Contains(Roles.UnitUser) ? Roles.UnitUser : null;
                var first = g.First();
                return role is null ? null : new Recipient(first.Id, first.DisplayName.Length > 0 ? first.DisplayName : first.Email ?? first.Id, first.Email, role, first.UnitId);
            })
            .OfType<Recipient>();
        return new RecipientDirectory(people);
    }
}
