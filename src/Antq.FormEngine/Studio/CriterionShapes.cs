using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Antq.FormEngine.Studio;

/// <summary>A comparison operator a criterion may be built with.</summary>
public enum Comparison { Equal, NotEqual, Greater, GreaterOrEqual, Less, LessOrEqual }

/// <summary>
/// Builds ordinary RulesEngine expressions (our Dynamic LINQ) for the usual shapes of a criterion,
/// so an administrator chooses instead of typing. Field paths are dotted from the form's root
/// (<c>tc03.so_vu</c>); what comes out is checked by the sandbox like any typed expression.
/// </summary>
public static partial class CriterionShapes
{
    public static string Operator(Comparison op) => op switch
    {
        Comparison.Equal => "==", Comparison.NotEqual => "!=", Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=", Comparison.Less => "<", Comparison.LessOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Vietnamese wording of an operator, for pickers and messages.</summary>
    public static string Label(Comparison op) => op switch
    {
        Comparison.Equal => "bằng", Comparison.NotEqual => "khác", Comparison.Greater => "lớn hơn",
        Comparison.GreaterOrEqual => "từ … trở lên (≥)", Comparison.Less => "nhỏ hơn", Comparison.LessOrEqual => "không quá (≤)",
        _ => "",
    };

    /// <summary><c>form.a.b</c> for the dotted path <c>a.b</c>.</summary>
    public static string Field(string path)
    {
        if (!FieldPath().IsMatch(path)) throw new ArgumentException($"Tên trường không hợp lệ: “{path}”.", nameof(path));
        return "form." + path;
    }

    /// <summary>A literal: numbers invariant, booleans lower case, anything else a quoted string.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => Number(d),
        float f => Number(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture) is var s && !s.Contains('.') && !s.Contains('E') ? s + ".0" : d.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t") + "\"";

    /// <summary><i>Field compared with a value</i>: <c>form.f &gt;= 3</c>.</summary>
    public static string CompareValue(string field, Comparison op, object? value) => $"{Field(field)} {Operator(op)} {Literal(value)}";

    /// <summary><i>Field compared with another field</i>: <c>form.a &gt;= form.b</c>.</summary>
    public static string CompareFields(string field, Comparison op, string other) => $"{Field(field)} {Operator(op)} {Field(other)}";

    /// <summary><i>Yes/no field is yes</i>: <c>form.f == true</c>.</summary>
    public static string IsYes(string field) => $"{Field(field)} == true";

    /// <summary>
    /// <i>Percentage of A over B ≥ N</i>: guarded against a zero denominator and computed in
    /// floating point (<c>form.b &gt; 0 &amp;&amp; form.a * 100.0 / form.b &gt;= 70</c>).
    /// </summary>
    public static string Percentage(string numerator, string denominator, Comparison op, double threshold) =>
        $"{Field(denominator)} > 0 && {Field(numerator)} * 100.0 / {Field(denominator)} {Operator(op)} {Number(threshold)}";

    /// <summary>
    /// <i>Count of table rows where column op value, compared with N</i>:
    /// <c>form.t.Count(r =&gt; r.c == true) &gt;= 2</c>; without a column, all rows are counted.
    /// </summary>
    public static string CountRows(string table, string? column, Comparison columnOp, object? value, Comparison countOp, int count)
    {
        if (column is not null && !Identifier().IsMatch(column)) throw new ArgumentException($"Tên cột không hợp lệ: “{column}”.", nameof(column));
        var rows = column is null ? $"{Field(table)}.Count()" : $"{Field(table)}.Count(r => r.{column} {Operator(columnOp)} {Literal(value)})";
        return $"{rows} {Operator(countOp)} {count.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A criterion rule (RulesEngine JSON) with an expression.</summary>
    public static JsonObject Rule(string id, string title, string? group, string expression, string? errorMessage = null, string? successEvent = null, double points = 0, string? source = null)
    {
        var rule = new JsonObject
        {
            ["RuleName"] = id,
            ["Expression"] = expression,
            ["ErrorMessage"] = errorMessage ?? $"{title}: chưa đạt",
            ["SuccessEvent"] = successEvent ?? $"{title}: đạt",
            ["Properties"] = Properties(title, group, points, source),
        };
        return rule;
    }

    /// <summary><i>All (And) / any (Or) of the sub-criteria</i>: a rule with an operator and nested rules.</summary>
    public static JsonObject Composite(string id, string title, string? group, bool all, IEnumerable<JsonObject> children, string? errorMessage = null, string? successEvent = null, double points = 0, string? source = null) => new()
    {
        ["RuleName"] = id,
        ["Operator"] = all ? "And" : "Or",
        ["ErrorMessage"] = errorMessage ?? $"{title}: chưa đạt",
        ["SuccessEvent"] = successEvent ?? $"{title}: đạt",
        ["Properties"] = Properties(title, group, points, source),
        ["Rules"] = new JsonArray(children.Select(c => (JsonNode)c).ToArray()),
    };

    private static JsonObject Properties(string title, string? group, double points, string? source)
    {
        var properties = new JsonObject { ["title"] = title };
        if (group is not null) properties["group"] = group;
        properties["points"] = points == Math.Floor(points) ? JsonValue.Create((long)points) : JsonValue.Create(points);
        if (source is not null) properties["source"] = source;
        return properties;
    }

    /// <summary>Whether <paramref name="expression"/> reads the field at <paramref name="path"/> (or something inside it).</summary>
    public static bool Reads(string expression, string path) =>
        Regex.IsMatch(expression, @"(?<![A-Za-z0-9_.])form\." + Regex.Escape(path) + @"(?![A-Za-z0-9_])", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
