using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Antq.Admin.UiTests;

/// <summary>Re-issuing a document in the browser: a confirmation that spells out the consequence, and a required reason.</summary>
[Collection(UiCollection.Name)]
public sealed class DocumentReissueUiTests(UiServer server)
{
    // The enterprise's Decision 9745 dossier waits at its managing phường first.
    private const string District = "tranbien.bcd@dongnai.demo";

    [Fact]
    public async Task ReviewPage_ReissueAppraisalReport_ConfirmsConsequenceAndRequiresReason()
    {
        var id = await SubmissionWithAppraisalAsync();
        var page = await server.NewPageAsync();
        await server.LoginAsync(page, District, $"/xet-duyet/{id}");
        var panel = page.Locator("[data-testid=issued-documents]");
        var minutes = panel.Locator("tr[data-document=bao-cao-tham-dinh]");
        await Assertions.Expect(minutes).ToHaveCountAsync(1);

        await minutes.Locator("[data-action=reissue]").ClickAsync();
        var confirm = panel.Locator("[data-testid=reissue-confirm]");
        await Assertions.Expect(confirm).ToContainTextAsync("lấy một số mới");
        await Assertions.Expect(confirm).ToContainTextAsync("bị thay thế");
        // No reason: nothing is issued.
        await confirm.Locator("[data-action=confirm-reissue]").ClickAsync();
        await Assertions.Expect(confirm).ToContainTextAsync("Cần nêu lý do ban hành lại");
        await Assertions.Expect(minutes).ToHaveCountAsync(1);
        await UiServer.ShotAsync(page, "22-ban-hanh-lai-xac-nhan");

        await confirm.Locator("textarea").FillAsync("Sửa chức vụ người thẩm định");
        await confirm.Locator("[data-action=confirm-reissue]").ClickAsync();
        await Assertions.Expect(minutes).ToHaveCountAsync(2);
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        await Assertions.Expect(panel.Locator("tr[data-document=bao-cao-tham-dinh][data-version='2']")).ToContainTextAsync("hiện hành");
    }

    /// <summary>
    /// The demo enterprise's submitted dossier (its own meeting's minutes are in it: TT124 Điều 9 khoản 1 c), appraised by its
    /// phường through the service: the appraisal report the pack declares is the phường's document, which it may re-issue.
    /// </summary>
    private async Task<Guid> SubmissionWithAppraisalAsync()
    {
        using var scope = server.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var id = await db.Submissions.Where(s => s.PackId == "qd9745.co-quan-doanh-nghiep-giao-duc" && s.Status == SubmissionStatus.Submitted)
            .Select(s => s.Id).FirstAsync();
        var reviewer = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(District);
        // The principal a sign-in gives (user id, roles, security stamp), as a Blazor circuit holds it.
        services.GetRequiredService<PrincipalHolder>().Principal =
            await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(reviewer!);
        var criteria = Antq.Admin.Features.Submissions.StoredEvaluation.Read(await db.Submissions.Where(s => s.Id == id).Select(s => s.EvaluationJson).FirstAsync())!.Criteria;
        var recorded = await services.GetRequiredService<Appraisals>().RecordAsync(id, new RecordAppraisalRequest(
            new MeetingPersonDto("Nguyễn Văn An", "Phó Trưởng Công an phường"),
            criteria.Select(c => new AppraisalOpinionDto(c.Id, true, "")).ToList(), true, "Hồ sơ đầy đủ, đúng quy định."), CancellationToken.None);
        Assert.True(recorded.Failure is null, recorded.Failure?.Detail);
        return id;
    }
}
