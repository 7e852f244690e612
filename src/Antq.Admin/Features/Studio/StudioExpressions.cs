using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Studio;

namespace Antq.Admin.Features.Studio;

/// <summary>The sandbox's verdict on one expression as the administrator types it (the loader's compiler, its messages and pointers).</summary>
public sealed class StudioExpressions(CurrentAccount current, PackCheckCache checks)
{
    public async Task<PackError?> CheckAsync(string schemaJson, string expression, string location, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        return await Task.Run(() => StudioCheck.CheckExpression(schemaJson, expression, location, checks), ct);
    }
}
