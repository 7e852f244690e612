using System.Linq.Expressions;
using System.Reflection;
using Antq.FormEngine.Forms;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Rewrites a checked expression for execution:
/// every read of a form field goes through <see cref="EvalContext.Readable"/> (a missing or invalid
/// value stops the criterion as "cannot be evaluated", left to right, honouring short-circuits: the first
/// such read is kept, later reads give default values and the answer is not used) and,
/// outside lambdas, <see cref="EvalContext.Record"/> (the values named in the explanation); every
/// lambda call, sequence scan and string operation is charged to the fuel meter, which bounds the
/// work of an expression whatever slipped past the checks.
/// </summary>
internal sealed class GuardRewriter : ExpressionVisitor
{
    private static readonly MethodInfo RunningMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.Running))!;
    private static readonly MethodInfo ReadableMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.Readable))!;
    private static readonly MethodInfo RecordMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.Record))!; // generic: Record<T>
    private static readonly MethodInfo TickMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.Tick))!;
    private static readonly MethodInfo ChargeStringMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.ChargeString))!;
    private static readonly MethodInfo ChargeSequenceMethod = typeof(EvalContext).GetMethod(nameof(EvalContext.ChargeSequence))!;

    private readonly ParameterExpression _context;
    private readonly Dictionary<Type, FormField> _objectFieldsByType;
    private readonly Dictionary<ParameterExpression, FormField> _bound = [];
    private int _lambdaDepth;

    public GuardRewriter(ParameterExpression context, FormModel? form, ParameterExpression? formParameter)
    {
        _context = context;
        _objectFieldsByType = [];
        if (form is null) return;
        foreach (var field in form.Fields)
            if (field.Kind == FieldKind.Object && field.ClrType is not null)
                _objectFieldsByType.TryAdd(field.ClrType, field);
        if (formParameter is not null) _bound[formParameter] = form.Root;
    }

    /// <summary>Binds a parameter (a LocalParam variable, say) to the form field it holds.</summary>
    public void Bind(ParameterExpression parameter, FormField field) => _bound[parameter] = field;

    public FormField? FieldOf(Expression expression)
    {
        switch (expression)
        {
            case ParameterExpression p:
                return _bound.GetValueOrDefault(p);
            case MemberExpression { Expression: { } owner } m:
                var parent = FieldOf(owner);
                return parent?.Kind == FieldKind.Object ? parent.Children.FirstOrDefault(c => c.Property == m.Member) : null;
            case MethodCallExpression call when call.Method.DeclaringType == typeof(Enumerable)
                && call.Method.Name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault":
                return ElementOf(call.Arguments[0]);
            case UnaryExpression { NodeType: ExpressionType.Convert } u:
                return FieldOf(u.Operand);
            default:
                return null;
        }
    }

    private FormField? ElementOf(Expression sequence)
    {
        if (sequence is MethodCallExpression call && call.Method.DeclaringType == typeof(Enumerable))
        {
            if (call.Method.Name is "Where" or "Distinct") return ElementOf(call.Arguments[0]);
            if (call.Method.Name == "Select" && call.Arguments[1] is LambdaExpression selector)
            {
                if (ElementOf(call.Arguments[0]) is { } element) _bound[selector.Parameters[0]] = element;
                return FieldOf(selector.Body);
            }
            return null;
        }
        var field = FieldOf(sequence);
        return field?.Kind == FieldKind.Array ? field.Item : null;
    }

    protected override Expression VisitMember(MemberExpression node)
    {
        if (node.Expression is null || node.Member is not PropertyInfo property || !_objectFieldsByType.TryGetValue(node.Expression.Type, out var shape))
            return base.VisitMember(node);
        var child = shape.Children.FirstOrDefault(c => c.Name == property.Name);
        if (child is null) return base.VisitMember(node);
        var field = FieldOf(node) ?? child; // same-shaped objects share a class; the path names the field
        var owner = Visit(node.Expression)!;
        var instance = Expression.Variable(node.Expression.Type, "owner");
        var value = Expression.Variable(node.Type, "value");
        // owner = …; value = default; if (Running && Readable(owner.__absent…)) { value = owner.Field; Record } → value
        var read = new List<Expression> { Expression.Assign(value, Expression.Property(instance, property)) };
        if (_lambdaDepth == 0)
            read.Add(Expression.Call(RecordMethod.MakeGenericMethod(value.Type), _context, Expression.Constant(field.Id), value));
        var readable = Expression.AndAlso(Expression.Call(RunningMethod, _context),
            Expression.Call(ReadableMethod, _context, Expression.Property(instance, FormModelBuilder.AbsentPropertyName),
                Expression.Constant(child.ChildIndex), Expression.Constant(field.Id)));
        return Expression.Block(node.Type, [instance, value],
            Expression.Assign(instance, owner),
            Expression.Assign(value, Expression.Default(node.Type)),
            Expression.IfThen(readable, Expression.Block(typeof(void), read)),
            value);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var method = node.Method;
        if (method.DeclaringType == typeof(Enumerable))
        {
            var elementOfSource = ElementOf(node.Arguments[0]);
            foreach (var lambda in node.Arguments.OfType<LambdaExpression>())
                if (elementOfSource is not null && lambda.Parameters.Count > 0) _bound[lambda.Parameters[0]] = elementOfSource;
            var arguments = node.Arguments.Select(a => Visit(a)!).ToArray();
            arguments[0] = ChargeSequence(arguments[0]);
            return Expression.Call(method, arguments);
        }
        if (method.DeclaringType == typeof(string))
        {
            var instance = node.Object is null ? null : ChargeString(Visit(node.Object)!);
            var arguments = node.Arguments.Select(a => a.Type == typeof(string) ? ChargeString(Visit(a)!) : Visit(a)!).ToArray();
            return Expression.Call(instance, method, arguments);
        }
        return base.VisitMethodCall(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _lambdaDepth++;
        var body = Visit(node.Body)!;
        _lambdaDepth--;
        return Expression.Lambda(node.Type, Expression.Block(body.Type, Expression.Call(TickMethod, _context), body), node.Parameters);
    }

    private MethodCallExpression ChargeString(Expression value) => Expression.Call(ChargeStringMethod, _context, value);

    private Expression ChargeSequence(Expression source)
    {
        var element = SequenceElementType(source.Type);
        if (element is null) return source;
        var enumerable = typeof(IEnumerable<>).MakeGenericType(element);
        var charged = Expression.Call(ChargeSequenceMethod.MakeGenericMethod(element), _context, Expression.Convert(source, enumerable));
        return source.Type == enumerable ? charged : Expression.Convert(charged, source.Type);
    }

    private static Type? SequenceElementType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return type.GetGenericArguments()[0];
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
