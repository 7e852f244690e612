namespace Antq.Load;

/// <summary>A commune-level unit with its own unit account, made through the admin API and signed in (the save and mixed phases' writers).</summary>
public static class LoadUnits
{
    public sealed record UnitAccount(int UnitId, string Email, string Token);

    /// <summary>Unit <c>{PREFIX}-{run}-{i}</c> under <paramref name="parentId"/> and account <c>{prefix}-{run}-{i}@load.test</c>.</summary>
    public static async Task<UnitAccount> CreateAsync(Api api, string adminToken, int parentId, string prefix, string label, string run, int i, string unitKind, string password)
    {
        var unit = await api.CallAsync(HttpMethod.Post, "/api/units", adminToken,
            new { code = $"{prefix.ToUpperInvariant()}-{run}-{i:D3}", name = $"Xã {label} {run} số {i}", kind = unitKind, level = "commune", parentId });
        var unitId = unit.GetProperty("id").GetInt32();
        var email = $"{prefix}-{run}-{i:D3}@load.test";
        await api.CallAsync(HttpMethod.Post, "/api/accounts", adminToken,
            new { email, displayName = $"{char.ToUpperInvariant(label[0])}{label[1..]} {i}", role = "unit", unitId, password });
        return new UnitAccount(unitId, email, await api.LoginAsync(email, password));
    }
}
