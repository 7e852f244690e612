using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>The template editor for office workers: errors in Vietnamese at their line as they type, variables inserted from the picker, a live preview.</summary>
[Collection(UiCollection.Name)]
public sealed class TemplateEditorUiTests(UiServer server)
{
    private const string Admin = "admin@dongnai.demo";
    private static readonly LocatorAssertionsToContainTextOptions Wait = new() { Timeout = 30_000 };

    [Fact]
    public async Task SyntaxErrorShownAtItsLine_VariableFromThePicker_PreviewShowsItsValue()
    {
        var page = await server.NewPageAsync();
        try
        {
            await server.LoginAsync(page, Admin, "/mau-van-ban");
            var source = page.Locator("[data-testid=template-source]");
            await Assertions.Expect(source).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<!DOCTYPE html>"));
            await Assertions.Expect(page.Locator("[data-testid=preview-source]")).ToContainTextAsync("ca kiểm thử", Wait);

            // A block left open on line 2: the error, in Vietnamese, names its line; the line is marked in the editor.
            await source.FillAsync("<p>Kính gửi:</p>\n<p>{{ if year > 2000 }}</p>\n<p>Hết</p>");
            var errors = page.Locator("[data-testid=template-errors]");
            await Assertions.Expect(errors).ToContainTextAsync("Dòng 2", Wait);
            await Assertions.Expect(errors).ToContainTextAsync("Lỗi cú pháp mẫu");
            await Assertions.Expect(page.Locator(".tpl-error-line[data-line='2']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".tpl-highlight .tpl-kw").First).ToHaveTextAsync("if");
            await UiServer.ShotAsync(page, "22-mau-van-ban-soan", fullPage: false);

            // Fixed, then a variable inserted at the caret from the picker: the preview shows its sample value.
            await source.FillAsync("<p>Kính gửi: Ban Chỉ đạo</p>\n<p>Bộ tiêu chí: ");
            await Assertions.Expect(errors).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            var option = await page.Locator("[data-testid=variable-picker] option[value='pack.title']").InnerTextAsync();
            var example = option[(option.IndexOf("(mẫu: ", StringComparison.Ordinal) + 6)..option.LastIndexOf(')')].TrimEnd('…');
            await page.Locator("[data-testid=variable-picker]").SelectOptionAsync("pack.title");
            await page.Locator("[data-action=insert-variable]").ClickAsync();

            await Assertions.Expect(source).ToHaveValueAsync("<p>Kính gửi: Ban Chỉ đạo</p>\n<p>Bộ tiêu chí: {{ pack.title }}");
            await Assertions.Expect(page.FrameLocator("iframe[data-testid=template-preview]").Locator("body")).ToContainTextAsync(example, Wait);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Phone_EditorAndPreviewStacked()
    {
        var page = await server.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await server.LoginAsync(page, Admin, "/mau-van-ban");
            await Assertions.Expect(page.Locator("[data-testid=template-source]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<!DOCTYPE html>"));
            var editor = await page.Locator("[data-testid=template-editor]").BoundingBoxAsync();
            var preview = await page.Locator("[data-testid=live-preview]").BoundingBoxAsync();
            Assert.True(preview!.Y >= editor!.Y + editor.Height, "the preview comes below the editor on a phone");
        }
        finally { await page.Context.CloseAsync(); }
    }
}
