using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>How a person fills in a generated form: fields are found by their data pointer (<c>data-field</c>).</summary>
public static class FormPage
{
    public static ILocator Field(IPage page, string pointer) => page.Locator($"[data-field='{pointer}']");

    public static Task ChooseAsync(IPage page, string pointer, string option) =>
        Field(page, pointer).Locator($".rz-radio-btn[aria-label='{option}']").ClickAsync();

    /// <summary>Types into a text, textarea, number or date field and leaves it, as a person does.</summary>
    public static async Task TypeAsync(IPage page, string pointer, string text)
    {
        var input = Field(page, pointer).Locator("input:not([type=file]), textarea").First;
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    public static Task TickAsync(IPage page, string pointer) =>
        Field(page, pointer).Locator(".rz-chkbox-box").ClickAsync();

    public static async Task AttachAsync(IPage page, string pointer, string fileName, byte[] content, string mimeType)
    {
        await BlazorInputFile.SetAsync(Field(page, pointer).Locator("input[type=file]"), new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await Field(page, pointer).Locator("ul.antq-files a").First.WaitForAsync();
    }

    public static ILocator Criterion(IPage page, string id) => page.Locator($"[data-testid=criteria-panel] [data-criterion='{id}']").First;

    /// <summary>Waits until autosave has stored everything typed so far.</summary>
    public static async Task WaitSavedAsync(IPage page) =>
        await Assertions.Expect(page.Locator("[data-testid=save-state]")).ToContainTextAsync("Đã lưu lúc", new() { Timeout = 15_000 });
}
