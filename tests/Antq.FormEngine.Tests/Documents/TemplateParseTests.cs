using Antq.FormEngine.Documents;

namespace Antq.FormEngine.Tests.Documents;

public class TemplateParseTests
{
    [Fact]
    public void A_valid_template_parses()
    {
        var result = TemplateSandbox.Parse("<p>{{ unit.name }}</p>", "templates/a.scriban");

        Assert.True(result.Ok);
        Assert.Equal("templates/a.scriban", result.Template.File);
    }

    [Fact]
    public void Parse_errors_come_back_with_one_based_line_and_column()
    {
        var result = TemplateSandbox.Parse("<p>ok</p>\n<p>{{ if unit.name }}</p>\n<p>{{ 1 + }}</p>", "templates/a.scriban");

        Assert.False(result.Ok);
        Assert.All(result.Errors, e => Assert.Equal("template.parse", e.Code));
        Assert.All(result.Errors, e => Assert.StartsWith("Lỗi cú pháp mẫu", e.Message));
        Assert.Contains(result.Errors, e => e.Path == "templates/a.scriban(3,11)");
    }

    [Theory]
    [InlineData("<p>{{ if unit.name }}</p>")]
    [InlineData("{{ for c in evaluation.criteria }}\n{{ c.id }}")]
    [InlineData("<p>{{ 1 + }}</p>")]
    [InlineData("{{ end }}")]
    [InlineData("{{ if }}x{{ end }}")]
    public void Parse_errors_are_said_in_Vietnamese(string source)
    {
        var result = TemplateSandbox.Parse(source, "t.scriban");

        Assert.False(result.Ok);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("Lỗi cú pháp mẫu", e.Message);
            Assert.DoesNotContain("chi tiết kỹ thuật", e.Message);
            Assert.DoesNotContain("Error while", e.Message);
        });
    }

    [Fact]
    public void An_unclosed_block_is_reported()
    {
        var result = TemplateSandbox.Parse("{{ for c in evaluation.criteria }}\n{{ c.id }}", "t.scriban");

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == "template.parse" && e.Path.StartsWith("t.scriban(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{ include '/etc/passwd' }}", "t.scriban(1,4)")]
    [InlineData("x\n  {{ include_join ['a'] ',' }}", "t.scriban(2,6)")]
    [InlineData("{{ object.eval '1+1' }}", "t.scriban(1,4)")]
    [InlineData("{{ object.eval_template '{{1}}' }}", "t.scriban(1,4)")]
    [InlineData("{{ f = object.eval }}", "t.scriban(1,8)")]
    [InlineData("{{ object['eval'] '1+1' }}", "t.scriban(1,4)")]
    [InlineData("{{ with object; eval '1+1'; end }}", "t.scriban(1,17)")]
    [InlineData("{{ import object }}", "t.scriban(1,4)")]
    [InlineData("{{ 'aaaa!' | regex.match '(a+)+$' }}", "t.scriban(1,14)")]
    public void Code_from_data_is_refused_when_parsing(string source, string path)
    {
        var result = TemplateSandbox.Parse(source, "t.scriban");

        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Equal("template.forbidden", error.Code);
        Assert.StartsWith("Mẫu văn bản không được dùng", error.Message);
    }

    [Fact]
    public void A_form_field_may_share_a_builtin_name()
    {
        Assert.True(TemplateSandbox.Parse("{{ form.include }} {{ form.regex }}", "t.scriban").Ok);
    }

    [Fact]
    public void Forbidden_names_in_literal_text_are_just_text()
    {
        Assert.True(TemplateSandbox.Parse("<p>include, import, object.eval</p>{{ 'include' }}", "t.scriban").Ok);
    }

    [Fact]
    public void Deep_nesting_is_a_parse_error_not_a_crash()
    {
        var source = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";

        var result = TemplateSandbox.Parse(source, "t.scriban");

        Assert.False(result.Ok);
        Assert.Equal("template.parse", result.Errors[0].Code);
    }

    [Fact]
    public void An_oversized_template_is_refused()
    {
        var result = TemplateSandbox.Parse(new string('x', TemplateSandbox.MaxSourceChars + 1), "t.scriban");

        Assert.Equal("template.parse", Assert.Single(result.Errors).Code);
    }
}
