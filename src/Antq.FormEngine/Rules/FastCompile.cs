using System.Linq.Expressions;
using FastExpressionCompiler;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Compiles expression trees with FastExpressionCompiler (RulesEngine's own dependency, many
/// times faster to compile than <see cref="LambdaExpression.Compile()"/>, which matters for
/// verifying a pack in an author's edit loop), falling back to the framework compiler for any tree
/// it does not support.
/// </summary>
internal static class FastCompile
{
    public static TDelegate Compile<TDelegate>(Expression<TDelegate> lambda) where TDelegate : Delegate =>
        lambda.CompileFast(ifFastFailedReturnNull: true) ?? lambda.Compile();

    public static Delegate Compile(LambdaExpression lambda) =>
        lambda.CompileFast(ifFastFailedReturnNull: true) ?? lambda.Compile();
}
