using System.Linq.Dynamic.Core;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;

namespace Antq.FormEngine.Rules;

/// <summary>A named expression to compile (a LocalParam/GlobalParam) with where it came from.</summary>
internal sealed record NamedExpression(string Name, string Text, string Location);

/// <summary>
/// Compiles pack expressions over <c>form</c>, <c>unit</c> and <c>year</c> into delegates:
/// raw pre-check → strict parse → allowlist walk → guard/fuel rewrite → compile. A problem is
/// returned as a <see cref="PackError"/> at the expression's location, never thrown.
/// </summary>
internal sealed partial class ExpressionCompiler(FormModel form, Packs.PackCheckCache? cache = null)
{
    private readonly HashSet<Type> _formTypes = form.Fields.Where(f => f.Kind == FieldKind.Object && f.ClrType is not null).Select(f => f.ClrType!).ToHashSet();

    public FormModel Form => form;

    /// <summary>Compiles a boolean expression with its scoped params (globals first, then locals).</summary>
    public (Func<EvalContext, object, UnitInfo, int, bool>? Compiled, PackError? Error) CompilePredicate(
        string text, string location, IReadOnlyList<NamedExpression> scopedParams)
    {
        // Same form, text and params compile to the same delegate: an edit loop recompiles only what changed.
        var key = cache is null ? null : string.Join("\u0001", scopedParams.Select(p => p.Name + "\u0002" + p.Text).Append(text));
        if (key is not null && cache!.TryGetPredicate(form, key, out var known)) return (known, null);
        var context = Expression.Parameter(typeof(EvalContext), "context");
        var formObject = Expression.Parameter(typeof(object), "formObject");
        var formVariable = Expression.Parameter(form.FormType, "form");
        var unit = Expression.Parameter(typeof(UnitInfo), "unit");
        var year = Expression.Parameter(typeof(int), "year");
        var scope = new List<ParameterExpression> { formVariable, unit, year };
        var rewriter = new GuardRewriter(context, form, formVariable);
        var steps = new List<Expression> { Expression.Assign(formVariable, Expression.Convert(formObject, form.FormType)) };
        var variables = new List<ParameterExpression> { formVariable };

        foreach (var param in scopedParams)
        {
            var (parsed, error) = Parse(param.Text, param.Location, scope, resultType: null);
            if (error is not null) return (null, error);
            var variable = Expression.Parameter(parsed!.Type, param.Name);
            if (rewriter.FieldOf(parsed) is { } field) rewriter.Bind(variable, field);
            steps.Add(Expression.Assign(variable, rewriter.Visit(parsed)!));
            scope.Add(variable);
            variables.Add(variable);
        }
        var (body, bodyError) = Parse(text, location, scope, typeof(bool));
        if (bodyError is not null) return (null, bodyError);
        steps.Add(rewriter.Visit(body)!);
        var lambda = Expression.Lambda<Func<EvalContext, object, UnitInfo, int, bool>>(
            Expression.Block(typeof(bool), variables, steps), context, formObject, unit, year);
        var compiled = FastCompile.Compile(lambda);
        if (key is not null) cache!.KeepPredicate(form, key, compiled);
        return (compiled, null);
    }

    /// <summary>Parses and checks one expression against named parameters (no form reads are guarded).</summary>
    public static (Func<EvalContext, object?[], bool>? Compiled, PackError? Error) CompileOver(
        string text, string location, IReadOnlyList<(string Name, Type Type)> parameters)
    {
        var context = Expression.Parameter(typeof(EvalContext), "context");
        var values = Expression.Parameter(typeof(object?[]), "values");
        var scope = parameters.Select(p => Expression.Parameter(p.Type, p.Name)).ToList();
        var compiler = new ExpressionCompiler(EmptyForm.Value);
        var (body, error) = compiler.Parse(text, location, scope, typeof(bool));
        if (error is not null) return (null, error);
        var steps = new List<Expression>();
        for (var i = 0; i < scope.Count; i++)
            steps.Add(Expression.Assign(scope[i], Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), scope[i].Type)));
        steps.Add(new GuardRewriter(context, null, null).Visit(body)!);
        var lambda = Expression.Lambda<Func<EvalContext, object?[], bool>>(Expression.Block(typeof(bool), scope, steps), context, values);
        return (FastCompile.Compile(lambda), null);
    }

    private (Expression? Body, PackError? Error) Parse(string text, string location, List<ParameterExpression> scope, Type? resultType)
    {
        if (ExpressionPreCheck.Check(text) is { } refused) return (null, new PackError(location, "expression.refused", refused));
        LambdaExpression parsed;
        try
        {
            parsed = DynamicExpressionParser.ParseLambda(StrictParsing.Config, false, scope.ToArray(), resultType, text);
        }
        catch (ParseException e)
        {
            return (null, new PackError(location, "expression.parse", Translate(e.Message, e.Position, text)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or FormatException or OverflowException)
        {
            return (null, new PackError(location, "expression.parse", ParseMessages.Unusable(e.Message)));
        }
        if (ExpressionChecker.Check(parsed.Body, _formTypes) is { } reason) return (null, new PackError(location, "expression.forbidden", reason));
        return (parsed.Body, null);
    }

    [GeneratedRegex(@"^No property or field '([^']+)' exists in type '([^']+)'")]
    private static partial Regex MissingMember();

    [GeneratedRegex(@"^Method '([^']+)' on type '([^']+)' is not accessible")]
    private static partial Regex InaccessibleMethod();

    [GeneratedRegex(@"^Unknown identifier '([^']+)'")]
    private static partial Regex UnknownIdentifier();

    private string Translate(string message, int position, string text)
    {
        var where = $" (vị trí {position + 1})";
        if (MissingMember().Match(message) is { Success: true } m)
        {
            var typeName = m.Groups[2].Value;
            // Objects of the same shape share one generated type: the path written before the member says which one.
            var candidates = form.Fields.Where(f => f.Kind == FieldKind.Object && f.ClrType?.Name == typeName).ToList();
            var written = WrittenOwnerPath(text, position);
            var owner = candidates.FirstOrDefault(f => f.DisplayPath == written) ?? candidates.FirstOrDefault();
            if (owner is not null)
            {
                var untyped = owner.Children.FirstOrDefault(c => c.Name.Equals(m.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
                return untyped is not null
                    ? $"Trường '{untyped.DisplayPath}' không có kiểu xác định trong form.schema.json (cần \"type\" và tên là định danh) nên biểu thức không đọc được{where}."
                    : $"Biểu thức đọc trường '{m.Groups[1].Value}' nhưng '{owner.DisplayPath}' trong form.schema.json không có trường này{where}.";
            }
            return $"Không có thành phần '{m.Groups[1].Value}' trong kiểu '{FriendlyType(typeName)}'{where}.";
        }
        if (InaccessibleMethod().Match(message) is { Success: true } im)
            return $"Không được dùng phương thức '{im.Groups[1].Value}' trong biểu thức (ngoài danh sách cho phép){where}.";
        if (message.Contains("new operator", StringComparison.Ordinal))
            return $"Không được dùng 'new' trong biểu thức{where}.";
        if (UnknownIdentifier().Match(message) is { Success: true } u)
            return $"Không biết tên '{u.Groups[1].Value}': biểu thức chỉ dùng được form, unit, year và các tham số đã khai báo{where}.";
        return ParseMessages.Translate(message) + where + ".";
    }

    /// <summary><c>tc06</c> for <c>form.tc06.khong_ton_tai</c> with the position at the last member, else null.</summary>
    private static string? WrittenOwnerPath(string text, int position)
    {
        var end = Math.Clamp(position, 0, text.Length);
        var prefix = text[..end].TrimEnd();
        if (!prefix.EndsWith('.')) return null;
        var start = prefix.Length - 1;
        while (start > 0 && (char.IsLetterOrDigit(prefix[start - 1]) || prefix[start - 1] is '_' or '.')) start--;
        var chain = prefix[start..^1];
        return chain.StartsWith("form.", StringComparison.Ordinal) ? chain["form.".Length..] : null;
    }

    private static string FriendlyType(string name) => name switch
    {
        "Int64" => "số nguyên", "Double" => "số", "Boolean" => "đúng/sai", "String" => "chuỗi", _ => name,
    };

    /// <summary>A form with no fields, for expressions that read no form (outcome levels).</summary>
    private static class EmptyForm
    {
        public static readonly FormModel Value = FormModelBuilder.Build(new System.Text.Json.Nodes.JsonObject { ["type"] = "object" }).Model!;
    }
}
