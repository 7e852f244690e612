using System.Text.Json.Serialization;
using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// Moving a pack's dossiers after an activation, as the API answers it: <c>status</c> <c>queued</c>, <c>running</c>,
/// <c>done</c>, <c>failed</c> (<c>error</c> in Vietnamese) or <c>superseded</c> (a later activation took over);
/// <c>done</c> of <c>total</c> dossiers moved to <c>version</c>.
/// </summary>
public sealed record MoveRunView(
    Guid Id,
    string PackId,
    string Version,
    string? FromVersion,
    string Status,
    int Done,
    int Total,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public bool Finished => MoveRunStatus.IsFinished(Status);

    /// <summary>Where to follow it (<c>GET /api/packs/{id}/move-runs/{runId}</c>).</summary>
    public string Location => $"/api/packs/{Uri.EscapeDataString(PackId)}/move-runs/{Id}";

    /// <summary>The sentence the pack page shows for it.</summary>
    [JsonIgnore]
    public string Sentence => Status switch
    {
        MoveRunStatus.Done => $"Đã chuyển {Done} hồ sơ đang soạn và hồ sơ bị trả lại sang phiên bản {Version}; các đơn vị đã được thông báo.",
        MoveRunStatus.Failed => $"Đã chuyển {Done}/{Total} hồ sơ sang phiên bản {Version} rồi dừng: {Error}",
        MoveRunStatus.Superseded => $"Dừng chuyển hồ sơ sang phiên bản {Version} sau {Done}/{Total} hồ sơ vì một phiên bản khác đã được kích hoạt.",
        _ => $"Đang chuyển hồ sơ sang phiên bản {Version}: {Done}/{Total}",
    };

    public static MoveRunView Of(MoveRun run) => new(run.Id, run.PackId, run.Version, run.FromVersion, run.Status, run.Done,
        Math.Max(run.Total, run.Done), run.RequestedAt, run.FinishedAt, run.Error);
}
