using Xunit.Abstractions;
using Xunit.Sdk;

namespace Antq.FormEngine.Tests.HostilePacks;

/// <summary>
/// Runs <see cref="HostilePackTests"/> in a fixed order: every hostile pack first, then the check that
/// a valid pack still loads, so that check really comes after all of them.
/// </summary>
public sealed class ValidPackLastOrderer : ITestCaseOrderer
{
    public const string TypeName = "Antq.FormEngine.Tests.HostilePacks.ValidPackLastOrderer";
    public const string AssemblyName = "Antq.FormEngine.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases
            .OrderBy(t => t.TestMethod.Method.Name == nameof(HostilePackTests.Load_ValidPackAfterEveryHostilePack_StillLoadsAndEvaluates))
            .ThenBy(t => t.DisplayName, StringComparer.Ordinal);
}
