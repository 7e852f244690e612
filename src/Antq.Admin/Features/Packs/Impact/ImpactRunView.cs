using System.Text.Json.Serialization;
using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>
/// A background impact run as the API answers it: <c>status</c> <c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>;
/// <c>done</c> of <c>total</c> dossiers evaluated; <c>result</c> (the same view as the inline preview) once done;
/// <c>error</c> (Vietnamese) once failed.
/// </summary>
public sealed record ImpactRunView(
    Guid Id,
    string PackId,
    string Version,
    string Status,
    int Done,
    int Total,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    PackImpactView? Result)
{
    public bool Finished => Status is ImpactRunStatus.Done or ImpactRunStatus.Failed;

    /// <summary>The run's address (the Location header of a 202).</summary>
    [JsonIgnore]
    public string Location => $"/api/packs/{Uri.EscapeDataString(PackId)}/versions/{Uri.EscapeDataString(Version)}/impact-runs/{Id}";
}
