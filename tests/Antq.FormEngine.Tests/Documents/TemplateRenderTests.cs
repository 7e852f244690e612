using Antq.FormEngine.Documents;

namespace Antq.FormEngine.Tests.Documents;

public class TemplateRenderTests
{
    [Fact]
    public void Values_are_html_escaped_and_literal_text_is_not()
    {
        var model = DocumentSamples.Model(note: "<script>alert('x')</script> & \"y\"");

        var result = DocumentSamples.Render("<p class=\"a\">{{ form.ghi_chu }}</p>", model);

        Assert.Equal("<p class=\"a\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;</p>", result.Output);
    }

    [Fact]
    public void Vietnamese_letters_are_not_turned_into_entities()
    {
        Assert.Equal("Xã An Phước", DocumentSamples.Render("{{ unit.name }}").Output);
    }

    [Fact]
    public void Escaping_can_be_turned_off_for_plain_text_output()
    {
        var model = DocumentSamples.Model(note: "<b>");

        var result = DocumentSamples.Render("{{ form.ghi_chu }}", model, RenderOptions.Default with { HtmlEscape = false });

        Assert.Equal("<b>", result.Output);
    }

    [Fact]
    public void A_missing_member_is_an_error_with_its_location()
    {
        var result = DocumentSamples.Render("<p>\n  {{ unit.nam }}</p>");

        var error = Assert.Single(result.Errors);
        Assert.Equal("template.render", error.Code);
        Assert.Equal("t.scriban(2,11)", error.Path);
        Assert.Contains("`nam`", error.Message);
    }

    [Fact]
    public void A_missing_variable_is_an_error_with_its_location()
    {
        var result = DocumentSamples.Render("{{ unit.name }} {{ untis.name }}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("t.scriban(1,20)", error.Path);
        Assert.Equal("Không có biến hoặc hàm `untis`.", error.Message);
    }

    [Fact]
    public void A_member_of_a_missing_value_is_an_error()
    {
        Assert.False(DocumentSamples.Render("{{ form.bo_trong.x }}").Ok);
    }

    [Fact]
    public void Without_strict_a_missing_member_is_blank()
    {
        var result = DocumentSamples.Render("[{{ unit.nam }}]", options: RenderOptions.Default with { Strict = false });

        Assert.Equal("[]", result.Output);
    }

    [Fact]
    public void Numbers_and_dates_use_vietnamese_culture()
    {
        var result = DocumentSamples.Render("{{ form.ty_le }} {{ 1234567 | math.format 'N0' }} {{ form.ho_gia_dinh.tong }}");

        Assert.Equal("91,5 1.234.567 450", result.Output);
    }

    [Fact]
    public void Form_data_is_there_as_submitted()
    {
        var result = DocumentSamples.Render("{{ form.to_an_ninh | array.join ', ' }}|{{ form.co_mo_hinh }}|{{ form.bo_trong == null }}");

        Assert.Equal("Ấp 1, Ấp 2|true|true", result.Output);
    }

    [Fact]
    public void Document_builtins_work()
    {
        var result = DocumentSamples.Render(
            "{{ unit.name | string.upcase }}|{{ evaluation.criteria | array.size }}|{{ evaluation.criteria | array.map 'group' | array.uniq | array.size }}|{{ object.has_key unit 'name' }}|{{ '' | object.default '…' }}");

        Assert.Equal("XÃ AN PHƯỚC|4|2|true|…", result.Output);
    }

    [Fact]
    public void Validate_checks_draft_branches_too()
    {
        const string source = "{{ if document.number == '' }}{{ document.numbr }}{{ else }}{{ document.number }}{{ end }}";
        var final = DocumentSamples.Model();
        var draft = DocumentSamples.Model(draft: true);

        Assert.Empty(TemplateSandbox.Validate(source, "t.scriban", [final]));
        var error = Assert.Single(TemplateSandbox.Validate(source, "t.scriban", [final, draft]));
        Assert.Contains("`numbr`", error.Message);
    }
}
