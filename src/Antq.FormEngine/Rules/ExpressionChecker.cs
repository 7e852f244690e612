using System.Linq.Expressions;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Walks a parsed expression tree and refuses anything outside <see cref="ExpressionAllowlist"/>:
/// node kinds, members, methods, constants, conversions. It also caps the node count and keeps
/// lambdas from iterating anything but their own parameter's data (so the work stays linear in
/// the size of the submission: no cross products).
/// </summary>
internal sealed class ExpressionChecker : ExpressionVisitor
{
    public const int MaxNodes = 400;

    private readonly ISet<Type> _formTypes;
    private readonly HashSet<ParameterExpression> _lambdaParameters = [];
    private int _lambdaDepth;
    private int _nodes;

    private ExpressionChecker(ISet<Type> formTypes) => _formTypes = formTypes;

    public string? Error { get; private set; }

    /// <summary>Null when the tree is allowed, else the first reason (Vietnamese).</summary>
    public static string? Check(Expression body, ISet<Type> formTypes)
    {
        var checker = new ExpressionChecker(formTypes);
        checker.Visit(body);
        return checker.Error;
    }

    public override Expression? Visit(Expression? node)
    {
        if (node is null || Error is not null) return node;
        if (++_nodes > MaxNodes) { Fail($"Biểu thức quá phức tạp (hơn {MaxNodes} nút)."); return node; }
        switch (node.NodeType)
        {
            case ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Subtract or ExpressionType.SubtractChecked
                or ExpressionType.Multiply or ExpressionType.MultiplyChecked or ExpressionType.Divide or ExpressionType.Modulo
                or ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.UnaryPlus or ExpressionType.Not
                or ExpressionType.And or ExpressionType.Or or ExpressionType.ExclusiveOr or ExpressionType.AndAlso
                or ExpressionType.OrElse or ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
                or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual
                or ExpressionType.Coalesce or ExpressionType.Conditional or ExpressionType.Constant or ExpressionType.Parameter
                or ExpressionType.Lambda or ExpressionType.MemberAccess or ExpressionType.Call or ExpressionType.Convert
                or ExpressionType.ConvertChecked or ExpressionType.Default:
                return base.Visit(node);
            default:
                Fail($"Không được dùng phép '{node.NodeType}' trong biểu thức.");
                return node;
        }
    }

    protected override Expression VisitBinary(BinaryExpression node)
    {
        if (node.Method is not null && ExpressionAllowlist.CheckMethod(node.Method) is { } reason) Fail(reason);
        return base.VisitBinary(node);
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.Method is not null && ExpressionAllowlist.CheckMethod(node.Method) is { } reason) Fail(reason);
        if (node.NodeType is ExpressionType.Convert or ExpressionType.ConvertChecked
            && !(ExpressionAllowlist.IsScalar(node.Type) || node.Type == typeof(object)) )
            Fail($"Không được chuyển kiểu sang '{node.Type.Name}'.");
        return base.VisitUnary(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (!ExpressionAllowlist.IsAllowedConstant(node.Value)) Fail($"Không được dùng hằng kiểu '{node.Type.Name}'.");
        return node;
    }

    protected override Expression VisitDefault(DefaultExpression node)
    {
        if (!ExpressionAllowlist.IsScalar(node.Type) && node.Type != typeof(object)) Fail($"Không được dùng giá trị mặc định kiểu '{node.Type.Name}'.");
        return node;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (ExpressionAllowlist.CheckMember(node.Member, _formTypes) is { } reason) Fail(reason);
        return base.VisitMember(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (ExpressionAllowlist.CheckMethod(node.Method) is { } reason) { Fail(reason); return node; }
        if (node.Method.DeclaringType == typeof(Enumerable) && _lambdaDepth > 0 && !IsRootedAtLambdaParameter(node.Arguments[0]))
        {
            Fail($"Trong hàm lambda, '{node.Method.Name}' chỉ được duyệt dữ liệu của chính tham số lambda (không duyệt lại cả danh sách của biểu mẫu).");
            return node;
        }
        return base.VisitMethodCall(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        foreach (var parameter in node.Parameters) _lambdaParameters.Add(parameter);
        _lambdaDepth++;
        Visit(node.Body);
        _lambdaDepth--;
        return node;
    }

    private bool IsRootedAtLambdaParameter(Expression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParameterExpression p: return _lambdaParameters.Contains(p);
                case MemberExpression { Expression: { } inner }: expression = inner; break;
                case MethodCallExpression { Method.DeclaringType: var t } call when t == typeof(Enumerable): expression = call.Arguments[0]; break;
                case UnaryExpression { NodeType: ExpressionType.Convert } u: expression = u.Operand; break;
                default: return false;
            }
        }
    }

    private void Fail(string reason) => Error ??= reason;
}
