using System.Text.Json;
using Antq.Admin.Data;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>One pack-wide audit entry (upload, activation) with its details parsed.</summary>
public sealed record PackAuditRow(string ActorId, DateTimeOffset At, JsonElement Details)
{
    public string? Text(string property) =>
        Details.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The registry's entries of the append-only audit trail for one pack: who uploaded and who activated each version.</summary>
public static class PackAuditTrail
{
    public const string Uploaded = "pack.uploaded";
    public const string Activated = "pack.activated";

    public static async Task<IReadOnlyList<PackAuditRow>> ForPackAsync(AntqDbContext db, string action, string packId, CancellationToken ct)
    {
        // Pack ids are [a-z0-9.-]: the serialised details hold them unescaped, so a text match narrows the rows.
        var marker = $"\"packId\":\"{packId}\"";
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == action && a.SubmissionId == null && a.DetailsJson.Contains(marker))
            .Select(a => new { a.ActorId, a.At, a.DetailsJson }).ToListAsync(ct);
        var list = new List<PackAuditRow>(rows.Count);
        foreach (var row in rows)
        {
            using var details = JsonDocument.Parse(row.DetailsJson);
            var entry = new PackAuditRow(row.ActorId, row.At, details.RootElement.Clone());
            if (entry.Text("packId") == packId) list.Add(entry);
        }
        return list;
    }
}
