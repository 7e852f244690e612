using System.Diagnostics.CodeAnalysis;
using Antq.FormEngine.Testing;

namespace Antq.FormEngine.Packs;

/// <summary>A compiled pack, or every reason it was refused. Test results are kept either way.</summary>
public sealed record PackLoadResult(CompiledPack? Pack, IReadOnlyList<PackError> Errors, IReadOnlyList<PackTestResult> TestResults)
{
    [MemberNotNullWhen(true, nameof(Pack))]
    public bool Ok => Pack is not null && Errors.Count == 0;
}
