using System.Collections;
using System.Linq.Dynamic.Core;
using System.Linq.Expressions;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Generates the CLR classes that carry form data into rule expressions: one class per object
/// schema (System.Linq.Dynamic.Core's DynamicClassFactory emits them), value types for numbers and
/// booleans (never null inside an expression: missing values are tracked beside the data in the
/// hidden <c>__absent</c> mask), <c>List&lt;T&gt;</c> for arrays.
/// </summary>
internal static class TypeFactory
{
    public static void Assign(FormField field)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer: field.ClrType = typeof(long); break;
            case FieldKind.Number: field.ClrType = typeof(double); break;
            case FieldKind.Boolean: field.ClrType = typeof(bool); break;
            case FieldKind.String: field.ClrType = typeof(string); break;
            case FieldKind.Array: AssignArray(field); break;
            case FieldKind.Object: AssignObject(field); break;
            default: field.ClrType = null; break;
        }
    }

    private static void AssignArray(FormField field)
    {
        Assign(field.Item!);
        if (field.Item!.ClrType is null) { field.ClrType = null; return; }
        var listType = typeof(List<>).MakeGenericType(field.Item.ClrType);
        field.ClrType = listType;
        field.CreateList = Rules.FastCompile.Compile(Expression.Lambda<Func<IList>>(Expression.Convert(Expression.New(listType), typeof(IList))));
    }

    private static void AssignObject(FormField field)
    {
        foreach (var child in field.Children) Assign(child);
        var reachable = field.Children.Where(c => c.ClrType is not null && FormModelBuilder.IsIdentifier(c.Name)).ToList();
        var properties = reachable.Select(c => new DynamicProperty(c.Name, c.ClrType!)).ToList();
        properties.Add(new DynamicProperty(FormModelBuilder.AbsentPropertyName, typeof(bool[])));
        var type = DynamicClassFactory.CreateType(properties, createParameterCtor: false);
        field.ClrType = type;
        field.Create = Rules.FastCompile.Compile(Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))));
        var absent = type.GetProperty(FormModelBuilder.AbsentPropertyName)!;
        field.GetAbsent = (Func<object, bool[]?>)Getter(type, absent, typeof(bool[]));
        field.SetAbsent = (Action<object, bool[]?>)Setter(type, absent, typeof(bool[]));
        foreach (var child in reachable)
        {
            child.Property = type.GetProperty(child.Name)!;
            child.Getter = (Func<object, object?>)Getter(type, child.Property, typeof(object));
            child.Setter = (Action<object, object?>)Setter(type, child.Property, typeof(object));
        }
    }

    private static Delegate Getter(Type owner, System.Reflection.PropertyInfo property, Type result)
    {
        var obj = Expression.Parameter(typeof(object), "o");
        var body = Expression.Convert(Expression.Property(Expression.Convert(obj, owner), property), result);
        var delegateType = typeof(Func<,>).MakeGenericType(typeof(object), result);
        return Rules.FastCompile.Compile(Expression.Lambda(delegateType, body, obj));
    }

    private static Delegate Setter(Type owner, System.Reflection.PropertyInfo property, Type value)
    {
        var obj = Expression.Parameter(typeof(object), "o");
        var val = Expression.Parameter(value, "v");
        var body = Expression.Assign(Expression.Property(Expression.Convert(obj, owner), property), Expression.Convert(val, property.PropertyType));
        var delegateType = typeof(Action<,>).MakeGenericType(typeof(object), value);
        return Rules.FastCompile.Compile(Expression.Lambda(delegateType, body, obj, val));
    }
}
