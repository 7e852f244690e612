using System.Linq.Expressions;
using System.Reflection;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;

namespace Antq.FormEngine.Rules;

/// <summary>
/// What a pack expression may reach, as (type, member) pairs: arithmetic and comparisons on
/// numbers and strings, a few string members, <see cref="Math"/> rounding and bounds, and the
/// <see cref="Enumerable"/> aggregates packs need over the form's own arrays. Everything else —
/// reflection, <c>GetType</c>, files, allocation by size (<c>PadLeft</c>, <c>Range</c>,
/// <c>Repeat</c>) — is refused when the pack is loaded.
/// </summary>
internal static class ExpressionAllowlist
{
    private static readonly HashSet<string> StringMethods =
    [
        "Contains", "StartsWith", "EndsWith", "IndexOf", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant",
        "Trim", "TrimStart", "TrimEnd", "CompareTo", "Equals", "IsNullOrEmpty", "IsNullOrWhiteSpace", "Concat",
        "Compare", "op_Equality", "op_Inequality", "Substring",
    ];

    private static readonly HashSet<string> MathMethods = ["Min", "Max", "Abs", "Round", "Floor", "Ceiling", "Sign", "Truncate"];

    /// <summary>Enumerable methods; all run in time linear in their source (metered per item).</summary>
    public static readonly HashSet<string> EnumerableMethods =
    [
        "Count", "LongCount", "Any", "All", "Sum", "Min", "Max", "Average", "Where", "Select", "Contains", "Distinct",
        "First", "FirstOrDefault", "Last", "LastOrDefault",
    ];

    private static readonly HashSet<string> UnitMembers = ["Kind", "Code", "Name", "Level"];

    private static readonly HashSet<Type> ValueTypes =
    [
        typeof(bool), typeof(char), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    ];

    public static bool IsScalar(Type type) =>
        type == typeof(string) || ValueTypes.Contains(type) || (Nullable.GetUnderlyingType(type) is { } u && ValueTypes.Contains(u));

    /// <summary>Null when allowed, else the Vietnamese reason.</summary>
    public static string? CheckMember(MemberInfo member, ISet<Type> formTypes)
    {
        var declaring = member.DeclaringType;
        if (declaring is null) return Refused(member);
        if (formTypes.Contains(declaring))
            return member.Name == FormModelBuilder.AbsentPropertyName || member is not PropertyInfo ? Refused(member) : null;
        if (declaring == typeof(UnitInfo)) return UnitMembers.Contains(member.Name) ? null : Refused(member);
        if (declaring == typeof(string) && member.Name == "Length") return null;
        if (declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(List<>) && member.Name == "Count") return null;
        if (declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(Nullable<>) && member.Name is "Value" or "HasValue") return null;
        // Constants such as int.MaxValue, Math.PI, string.Empty.
        if (member is FieldInfo { IsStatic: true, IsLiteral: true } || (member is FieldInfo { IsStatic: true, IsInitOnly: true } && (declaring == typeof(string) || declaring == typeof(Math))))
            return declaring == typeof(Math) || declaring == typeof(string) || ValueTypes.Contains(declaring) ? null : Refused(member);
        return Refused(member);
    }

    public static string? CheckMethod(MethodInfo method)
    {
        var declaring = method.DeclaringType;
        if (declaring == typeof(string)) return StringMethods.Contains(method.Name) ? null : Refused(method);
        if (declaring == typeof(Math)) return MathMethods.Contains(method.Name) ? null : Refused(method);
        if (declaring == typeof(Enumerable)) return EnumerableMethods.Contains(method.Name) ? null : Refused(method);
        if (declaring is not null && ValueTypes.Contains(declaring))
            return method.Name is "CompareTo" or "Equals" or "op_Equality" or "op_Inequality" or "op_LessThan" or "op_GreaterThan"
                or "op_LessThanOrEqual" or "op_GreaterThanOrEqual" or "op_Addition" or "op_Subtraction" or "op_Multiply"
                or "op_Division" or "op_Modulus" or "op_UnaryNegation" or "op_Implicit" or "op_Explicit"
                ? null : Refused(method);
        if (declaring is { IsGenericType: true } && declaring.GetGenericTypeDefinition() == typeof(Dictionary<,>)
            && declaring.GetGenericArguments()[0] == typeof(string) && declaring.GetGenericArguments()[1] == typeof(string))
            return method.Name is "get_Item" or "ContainsKey" ? null : Refused(method);
        return Refused(method);
    }

    public static bool IsAllowedConstant(object? value) => value is null || IsScalar(value.GetType());

    private static string Refused(MemberInfo member) =>
        $"Không được dùng '{member.DeclaringType?.Name}.{member.Name}' trong biểu thức (ngoài danh sách cho phép).";
}
