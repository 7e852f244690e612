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

    public async Task<Result<DeadlineCalendarView>> GetAsync(int? year, int? unitId, string? status, CancellationToken ct)
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
        var instances = await board.ComputeAsync(chosenYear, deadlines, within, ct);
        var levels = await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var views = instances
            .Select(instance => View(instance, now, levels, status))
            .Where(v => v.Units.Count > 0)
            .OrderBy(v => v.DueAt).ThenBy(v => v.PackId, StringComparer.Ordinal).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        return new DeadlineCalendarView(chosenYear, now, views);
    }

    private static DeadlineView View(DeadlineInstance instance, DateTimeOffset now, IReadOnlyDictionary<string, string> levels, string? status)
    {
        var (pack, definition, due) = (instance.Pack.Manifest, instance.Definition, instance.DueAt);
        var rows = instance.Units.Select(u => Row(u, u.StateAt(now, due))).ToList();
        var counts = new DeadlineCounts(rows.Count(r => r.Status == "done"), rows.Count(r => r.Status == "pending"), rows.Count(r => r.Status == "overdue"));
        return new DeadlineView(
            pack.Id, pack.Title, pack.Version, definition.Id, definition.Title, definition.Stage,
            DeadlineStages.Text(definition.Stage, levels),
            definition.OpensAt(instance.Year), due, VietnamTime.DateOf(due),
            definition.Remind.Select(ReminderOccasion.Iso).ToList(),
            definition.EscalateAfter is { } after ? ReminderOccasion.Iso(after) : null,
            definition.EscalateAfter is { } escalate ? due + escalate : null,
            counts,
            status is null ? rows : rows.Where(r => r.Status == status).ToList());
    }

    private static DeadlineUnitView Row(UnitDeadline unit, DeadlineState state)
    {
        var (code, text) = state switch
        {
            DeadlineState.Done => ("done", "Đã hoàn thành"),
            DeadlineState.Overdue => ("overdue", "Quá hạn"),
            _ => ("pending", "Chưa hoàn thành"),
        };
        var situation = state == DeadlineState.Done ? "Đã hoàn thành" : Capitalise(ReminderMessages.Situation(unit).Text);
        var waiting = unit.WaitingOn is { } actor
            ? new DeadlineActorView(actor.Id, actor.Name, unit.WaitingOnReviewers ? "reviewer" : "unit")
            : null;
        return new DeadlineUnitView(unit.Unit.Id, unit.Unit.Code, unit.Unit.Name, code, text, situation,
            unit.Submission?.Id, unit.Submission?.Status, waiting);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
