namespace Antq.Load;

/// <summary>A dossier's audit trail as the lost-save checks read it.</summary>
public static class AuditTrail
{
    /// <summary>The revisions of its "submission.saved" entries (each written in the transaction of its save).</summary>
    public static async Task<HashSet<int>> SavedRevisionsAsync(Api api, Guid submissionId, string token)
    {
        var audit = await api.CallAsync(HttpMethod.Get, $"/api/submissions/{submissionId}/audit", token);
        return audit.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "submission.saved")
            .Select(e => e.GetProperty("details").GetProperty("revision").GetInt32())
            .ToHashSet();
    }
}
