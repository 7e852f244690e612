using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.CustomTypeProviders;
using System.Reflection;

namespace Antq.FormEngine.Rules;

/// <summary>
/// The System.Linq.Dynamic.Core configuration for pack expressions: no custom or scanned types, no
/// <c>new</c>, no type names as strings, no context keywords. The allowlist walk after the parse is
/// the real gate; this only keeps the parser from reaching for more.
/// </summary>
internal static class StrictParsing
{
    public static ParsingConfig Config { get; } = new()
    {
        CustomTypeProvider = new NoCustomTypes(),
        AllowNewToEvaluateAnyType = false,
        DisallowNewKeyword = true,
        ResolveTypesBySimpleName = false,
        AreContextKeywordsEnabled = false,
        SupportEnumerationsFromSystemNamespace = false,
        AllowEqualsAndToStringMethodsOnObject = false,
        LoadAdditionalAssembliesFromCurrentDomainBaseDirectory = false,
        DisableMemberAccessToIndexAccessorFallback = true,
        SupportCastingToFullyQualifiedTypeAsString = false,
        IsCaseSensitive = false,
    };

    private sealed class NoCustomTypes : IDynamicLinqCustomTypeProvider
    {
        private static readonly HashSet<Type> Empty = [];
        private static readonly Dictionary<Type, List<MethodInfo>> NoExtensions = [];

        public HashSet<Type> GetCustomTypes() => Empty;
        public Dictionary<Type, List<MethodInfo>> GetExtensionMethods() => NoExtensions;
        public Type? ResolveType(string typeName) => null;
        public Type? ResolveTypeBySimpleName(string simpleTypeName) => null;
    }
}
