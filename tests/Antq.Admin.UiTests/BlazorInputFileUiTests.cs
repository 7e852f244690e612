using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>
/// The cause of the unit import's lost second file, reproduced: on a slow server (every message of the page reaches it
/// 400 ms late, as under load) a file set as soon as the import panel appears arrives before InputFile listens, and the
/// panel still says "Chưa chọn tệp" (a plain SetInputFilesAsync fails this way). <see cref="BlazorInputFile.SetAsync"/>
/// waits for the listener, and the file is read and checked.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class BlazorInputFileUiTests(UiServer server)
{
    [Fact]
    public async Task UnitImport_SlowServer_FileSetByTheHelperIsNotLost()
    {
        var page = await server.NewPageAsync();
        var slow = false;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            var upstream = socket.ConnectToServer();
            var chain = Task.CompletedTask;
            var gate = new Lock();
            socket.OnMessage(frame =>
            {
                lock (gate)
                {
                    var late = slow;
                    // In order, each message late by the same delay once the server is "slow".
                    chain = chain.ContinueWith(async _ =>
                    {
                        if (late) await Task.Delay(400);
                        if (frame.Binary is { } bytes) upstream.Send(bytes); else upstream.Send(frame.Text!);
                    }).Unwrap();
                }
            });
        });
        await server.LoginAsync(page, "admin@dongnai.demo", "/don-vi");
        slow = true;

        await page.Locator("[data-action=import]").ClickAsync();
        await BlazorInputFile.SetAsync(page.Locator("[data-testid=unit-import] input[type=file]"), new FilePayload
        {
            Name = "cham.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("code,name,kind,level,parentCode\nX-2,Đơn vị lỗi,khong-co-loai,unit,26041\n"),
        });
        await Assertions.Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync("khong-co-loai", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=unit-import]")).Not.ToContainTextAsync("Chưa chọn tệp");
        await page.Context.CloseAsync();
    }
}
