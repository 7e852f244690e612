using Antq.Admin.Data;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Deadlines;

/// <summary>
/// <c>GET /api/deadlines</c>: the deadlines of the caller's scope (its unit's subtree, or a visible
/// unit's subtree with <c>unitId</c>), each with every concerned unit's status. A unit account sees
/// its own unit; a district reviewer the units of its district, overdue ones included (the
/// dashboard of the level above); an administrator or the province everything.
/// </summary>
public sealed class DeadlineQueries(AntqDbContext db, CurrentAccount current, UnitDirectory units, DeadlineBoard board, TimeProvider time, Plans.YearPlans plans)
{
    private static readonly string[] Statuses = ["done", "pending", "overdue"];

    public Task<Result<DeadlineCalendarView>> GetAsync(int? year, int? unitId, string? status, CancellationToken ct) =>
        GetAsync(year, unitId, status, DeadlineRows.All, ct);

    public async Task<Result<DeadlineCalendarView>> GetAsync(int? year, int? unitId, string? status, DeadlineRows rows, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var now = time.GetUtcNow();
        var chosenYear = year ?? VietnamTime.YearOf(now);
        if (chosenYear is < 2000 or > 2100) return Refusal.BadRequest($"Năm {chosenYear} không hợp lệ (từ 2000 đến 2100).");
        if (status is not null && !Statuses.Contains(status))
            return Refusal.BadRequest($"Trạng thái “{status}” không hợp lệ: dùng done (đã xong), pending (chưa đến hạn) hoặc overdue (quá hạn).");
        var within = unitId is int id ? await units.GetVisibleAsync(account, id, ct) : account.ScopeUnit;

        var packs = await board.ActivePacksAsync(ct);
        var deadlines = await plans.DeadlineListAsync(chosenYear, packs, ct); // the year's plan overrides the packs' dates
        var instances = await board.CachedAsync(chosenYear, deadlines, within, ct);
        var levels = await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var views = instances
            .Where(instance => rows.Stage is null || instance.Definition.Stage == rows.Stage)
            .Select(instance => View(instance, now, levels, status, rows))
            .Where(v => v.UnitsTotal > 0)
            .OrderBy(v => v.DueAt).ThenBy(v => v.PackId, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        return new DeadlineCalendarView(chosenYear, now, views);
    }

    private static DeadlineView View(DeadlineInstance instance, DateTimeOffset now, IReadOnlyDictionary<string, string> levels, string? status, DeadlineRows page)
    {
        var (pack, definition, due) = (instance.Pack.Manifest, instance.Definition, instance.DueAt);
        // States first (cheap), rows (situation texts, names) only for the page.
        var states = instance.Units.Select(u => (Unit: u, State: u.StateAt(now, due))).ToList();
        var counts = new DeadlineCounts(states.Count(s => s.State == DeadlineState.Done), states.Count(s => s.State == DeadlineState.Pending),
            states.Count(s => s.State == DeadlineState.Overdue));
        var matching = status is null ? states : states.Where(s => Code(s.State) == status).ToList();
        var rows = matching.Skip(page.Skip).Take(page.Take ?? int.MaxValue).Select(s => Row(s.Unit, s.State)).ToList();
        return new DeadlineView(
            pack.Id, pack.Title, pack.Version, definition.Id, definition.Title, definition.Stage,
            DeadlineStages.Text(definition.Stage, levels),
            definition.OpensAt(instance.Year), due, VietnamTime.DateOf(due),
            definition.Remind.Select(ReminderOccasion.Iso).ToList(),
            definition.EscalateAfter is { } after ? ReminderOccasion.Iso(after) : null,
            definition.EscalateAfter is { } escalate ? due + escalate : null,
            counts, matching.Count, rows);
    }

    private static string Code(DeadlineState state) => state switch
    {
        DeadlineState.Done => "done",
        DeadlineState.Overdue => "overdue",
        _ => "pending",
    };

    private static DeadlineUnitView Row(UnitDeadline unit, DeadlineState state)
    {
        var text = state switch
        {
            DeadlineState.Done => "Đã hoàn thành",
            DeadlineState.Overdue => "Quá hạn",
            _ => "Chưa hoàn thành",
        };
        var situation = state == DeadlineState.Done ? "Đã hoàn thành" : Capitalise(ReminderMessages.Situation(unit).Text);
        var waiting = unit.WaitingOn is { } actor
            ? new DeadlineActorView(actor.Id, actor.Name, unit.WaitingOnReviewers ? "reviewer" : "unit")
            : null;
        return new DeadlineUnitView(unit.Unit.Id, unit.Unit.Code, unit.Unit.Name, Code(state), text, situation,
            unit.Submission?.Id, unit.Submission?.Status, waiting);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
