using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// Choosing a file in a Blazor <c>InputFile</c>. The component attaches its "change" listener from JavaScript after its
/// first render (an interop call over the circuit), so an input that is already in the page may not listen yet: a file set
/// in that gap is lost and the component never hears of it (the unit import then still says "Chưa chọn tệp"). A person
/// cannot click that fast; a test under load can. Blazor's init marks the element (<c>_blazorInputFileNextFileId</c>),
/// and the file is set only once that mark is there.
/// </summary>
public static class BlazorInputFile
{
    public static async Task SetAsync(ILocator input, FilePayload file)
    {
        var element = await input.ElementHandleAsync(new() { Timeout = 20_000 });
        await input.Page.WaitForFunctionAsync("element => element._blazorInputFileNextFileId !== undefined", element);
        await input.SetInputFilesAsync(file);
    }
}
