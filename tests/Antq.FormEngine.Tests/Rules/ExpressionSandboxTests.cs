using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Rules;

/// <summary>The hostile expressions of security.md and friends are refused when the pack is loaded.</summary>
public sealed class ExpressionSandboxTests
{
    private static PackBuilder Pack(string expression) => new PackBuilder()
        .Field("a", """{ "type": "integer" }""")
        .Field("s", """{ "type": "string" }""")
        .Field("rows", """{ "type": "array", "items": { "type": "object", "properties": { "v": { "type": "integer" } } } }""")
        .Rule("R", expression);

    public static TheoryData<string, string> Hostile => new()
    {
        { "\"\".GetType().Assembly.Location != \"\"", "expression.parse" },
        { "form.a.GetType().Assembly.FullName != null", "expression.parse" },
        { "Enumerable.Range(0,100000).SelectMany(i => Enumerable.Range(0,100000)).Where(x => x == -1).Count() > 0", "expression.parse" },
        { "\"x\".PadLeft(200000000).Length > 0", "expression.forbidden" },
        { new string('(', 2000) + "1" + new string(')', 2000) + " > 0", "expression.refused" },
        { new string('(', 40) + "1" + new string(')', 40) + " > 0", "expression.refused" },
        { new string('!', 3000) + "true", "expression.refused" },
        { new string('!', 20) + "true", "expression.refused" },
        { string.Concat(Enumerable.Repeat("true ? ", 40)) + "true" + string.Concat(Enumerable.Repeat(" : false", 40)), "expression.refused" },
        { "form.rows.Count(r => form.rows.Count(q => q.v == r.v) > 0) > 0", "expression.forbidden" },
        { "new(1 as x).x > 0", "expression.parse" },
        { "System.IO.File.Exists(\"/etc/passwd\")", "expression.parse" },
        { "Environment.ProcessorCount > 0", "expression.parse" },
        { "AppDomain.CurrentDomain.Id > 0", "expression.parse" },
        { "Type.GetType(\"System.IO.File\") != null", "expression.parse" },
        { "string.Join(\",\", form.s) != \"\"", "expression.forbidden" },
        { "DateTime.Now.Year > 0", "expression.forbidden" },
        { "form.s.Replace(\"a\", form.s).Length > 0", "expression.forbidden" },
        { "form.nothere > 1", "expression.parse" },
        { "form.a", "expression.parse" },
        { "", "rules.no-expression" },
        { "form.a > ", "expression.parse" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Load_HostileExpression_RefusedWithItsLocation(string expression, string code)
    {
        var result = Pack(expression).Load();
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.StartsWith("rules.json#/0/Rules/0", error.Path);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Theory]
    [InlineData("Math.Max(form.a, 2) > 1 && form.s.Contains(\"x\") && year > 2000 && unit.kind == \"xa\"")]
    [InlineData("form.rows.Count(r => r.v > form.a) >= 0")]
    [InlineData("form.rows.Where(r => r.v > 0).Select(r => r.v).Distinct().Count() >= 0")]
    [InlineData("form.rows.Sum(r => r.v) >= 0 && form.rows.All(r => r.v >= 0) || form.rows.Any()")]
    [InlineData("form.s.Trim().ToLower().StartsWith(\"a\") || form.s.Length == 0 || string.IsNullOrWhiteSpace(form.s)")]
    [InlineData("Math.Round(form.a * 100.0 / 3, 1) >= 33.3")]
    public void Load_AllowedExpression_Accepted(string expression)
    {
        var result = Pack(expression).Load();
        Assert.True(result.Ok, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("""{ "RuleName": "R", "Expression": "true", "LocalParams": [ { "Name": "x", "Expression": "\"a\".PadLeft(99999999)" } ] }""", "expression.forbidden")]
    [InlineData("""{ "RuleName": "R", "Expression": "true", "Actions": { "OnSuccess": { "Name": "CustomAction", "Context": {} } } }""", "rules.action-forbidden")]
    [InlineData("""{ "RuleName": "R", "Expression": "true", "Actions": { "OnSuccess": { "Name": "EvaluateRule", "Context": { "workflowName": "tieu-chi", "ruleName": "R" } } } }""", "rules.action-cycle")]
    [InlineData("""{ "RuleName": "R", "Expresion": "true" }""", "rules.unknown-property")]
    [InlineData("""{ "RuleName": "R", "Expression": "true", "RuleExpressionType": "Other" }""", "rules.expression-type")]
    public void Load_HostileRuleParts_Refused(string rule, string code)
    {
        var result = new PackBuilder().RawRule(rule).Load();
        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public void Load_SelfInjectingWorkflow_RefusedAsCycle()
    {
        var result = new PackBuilder().Rule("R", "true")
            .Workflow("""{ "WorkflowName": "a", "WorkflowsToInject": ["b"], "Rules": [ { "RuleName": "A", "Expression": "true" } ] }""")
            .Workflow("""{ "WorkflowName": "b", "WorkflowsToInject": ["a"], "Rules": [ { "RuleName": "B", "Expression": "true" } ] }""")
            .Load();
        Assert.Contains(result.Errors, e => e.Code == "rules.inject-cycle");
    }

    [Fact]
    public void Load_UnknownMemberOfOneOfTwoSameShapedObjects_NamesTheObjectWritten()
    {
        const string shape = """{ "type": "object", "properties": { "co": { "type": "boolean" } } }""";
        var result = new PackBuilder().Field("tc01", shape).Field("tc06", shape)
            .Rule("R", "form.tc01.co == true && form.tc06.khong_ton_tai == true").Load();
        var error = Assert.Single(result.Errors);
        Assert.Contains("'khong_ton_tai'", error.Message);
        Assert.Contains("'tc06'", error.Message);
        Assert.DoesNotContain("'tc01'", error.Message);
    }
}
