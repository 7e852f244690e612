using System.Net;
using System.Text;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Reminders;
using Antq.Admin.Tests.Submissions;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Antq.Admin.Tests.Notifications;

/// <summary>
/// Every step of the procedure tells the right accounts once, in the inbox and by e-mail (SMTP is set
/// up by <see cref="ReminderHost"/>): a school's dossier goes district A → province, is returned,
/// fixed, resubmitted, forwarded, approved and recognised; retried requests add nothing.
/// </summary>
public sealed class StepNotificationTests(ReminderHost host) : IClassFixture<ReminderHost>
{
    private static readonly string[] Steps = ["submission.submitted", "submission.resubmitted", "submission.forwarded", "submission.approved",
        "submission.returned", "submission.recognised", "submission.refused"];

    [Fact]
    public async Task Journey_ReturnFixResubmitApproveRecognise_EachRecipientToldOncePerStep()
    {
        var world = await host.WorldAsync();
        host.NotBefore(ReminderHost.At(2026, 10, 1, 9, 0));
        var school = await host.LoginAsync("truong-a@test.vn");
        var district = await host.LoginAsync("huyen-a@test.vn");
        var province = await host.LoginAsync("tinh@test.vn");
        var id = await school.CreateSubmissionAsync(world.AgencyA, Samples.SchoolPack, 2026, Samples.ValidSchool);

        // Each step a minute after the last, as people work (the inbox orders by time).
        var submitted = await (await school.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        await (await school.ActAsync(id, "submit")).ExpectAsync(HttpStatusCode.Conflict); // a retried request
        var criterion = submitted.GetProperty("evaluation").GetProperty("criteria")[0];
        var (criterionId, criterionTitle) = (criterion.GetProperty("id").GetString()!, criterion.GetProperty("title").GetString()!);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var returned = await (await district.ActAsync(id, "return", new
            {
                reason = "Hồ sơ chưa có nghị quyết của chi bộ",
                criteria = new Dictionary<string, string> { [criterionId] = "Bổ sung văn bản kèm theo" },
            }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "return", new { reason = "lần nữa" })).ExpectAsync(HttpStatusCode.Conflict);
        await (await school.PutSubmissionAsync(id, new { data = Samples.ValidSchool, version = returned.Revision() })).ExpectAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await school.SubmitAsync(id)).ExpectAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        await (await district.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.Forbidden); // no longer pending there
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await province.ActAsync(id, "endorse")).ExpectAsync(HttpStatusCode.OK);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await province.ActAsync(id, "recognise", new { decisionNumber = "88/QĐ-BCĐ", decisionDate = "2026-10-01" })).ExpectAsync(HttpStatusCode.OK);
        await (await province.ActAsync(id, "recognise", new { decisionNumber = "88/QĐ-BCĐ", decisionDate = "2026-10-01" })).ExpectAsync(HttpStatusCode.Conflict);

        var received = new Dictionary<string, List<JsonElement>>();
        foreach (var (email, _, _) in world.Accounts())
            received[email] = (await host.InboxAsync(email)).Where(n => Steps.Contains(n.GetProperty("kind").GetString())).ToList();
        string Kinds(string email) => string.Join(" ", received[email].Select(n => n.GetProperty("kind").GetString()!["submission.".Length..]));
        Assert.Equal("submitted resubmitted approved recognised", Kinds("huyen-a@test.vn"));
        Assert.Equal("returned approved recognised", Kinds("truong-a@test.vn"));
        Assert.Equal("forwarded", Kinds("tinh@test.vn"));
        foreach (var other in new[] { "admin@test.vn", "huyen-b@test.vn", "xa-a1@test.vn", "xa-a2@test.vn", "xa-b1@test.vn" })
            Assert.Equal("", Kinds(other));

        // The return carries its reason and the criterion by title, and opens the dossier.
        var returnedNote = received["truong-a@test.vn"][0];
        Assert.Equal("Hồ sơ bị trả lại", returnedNote.GetProperty("kindText").GetString());
        Assert.Equal($"/ho-so/{id}", returnedNote.GetProperty("link").GetString());
        var body = returnedNote.GetProperty("body").GetString()!;
        Assert.Contains("Lý do: Hồ sơ chưa có nghị quyết của chi bộ", body, StringComparison.Ordinal);
        Assert.Contains($"- {criterionTitle}: Bổ sung văn bản kèm theo", body, StringComparison.Ordinal);
        Assert.Contains("Thành phố Biên Hòa", body, StringComparison.Ordinal);
        Assert.StartsWith("Hồ sơ của Trường THPT Ngô Quyền bị trả lại để bổ sung, năm 2026", returnedNote.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/xet-duyet/{id}", received["tinh@test.vn"][0].GetProperty("link").GetString());
        Assert.Contains("88/QĐ-BCĐ ngày 01/10/2026", received["truong-a@test.vn"][2].GetProperty("body").GetString(), StringComparison.Ordinal);

        // One e-mail per notification, sent once even when a job runs twice.
        var notes = received.Values.SelectMany(n => n).Select(n => n.GetProperty("id").GetGuid()).ToHashSet();
        var queued = host.Mail.TakeAll();
        Assert.True(notes.SetEquals(queued), "every step notification's e-mail is queued once");
        foreach (var note in queued) await host.RunMailJobAsync(note);
        await host.RunMailJobAsync(queued[0]);
        var mails = host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.Equal(notes.Count, mails.Count);
        var mail = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "tinh@test.vn");
        Assert.Contains($"Xem chi tiết: https://antq.dongnai.test/xet-duyet/{id}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationAndDocumentHooks_StagedWithTheCallersCommit_OncePerEvent()
    {
        var world = await host.WorldAsync();
        var registration = Guid.NewGuid();
        async Task Raise(Func<StepNotifications, Account, Task> raise, Account actor, bool commit = true)
        {
            using var scope = host.Factory.Services.CreateScope();
            await raise(scope.ServiceProvider.GetRequiredService<StepNotifications>(), actor);
            if (commit) await scope.ServiceProvider.GetRequiredService<AntqDbContext>().SaveChangesAsync();
        }
        var (unitAccount, reviewer) = (await AccountAsync("xa-b1@test.vn", world.CommuneB1), await AccountAsync("huyen-b@test.vn", world.DistrictB));
        RegistrationNotice Notice(RegistrationStep step, int revision, string? reason = null) =>
            new(step, registration, revision, world.CommuneB1, "tt124.xa", "Thông tư 124", 2027, world.DistrictB.Id, reason);
        Task Submit(StepNotifications n, Account a) => n.RegistrationAsync(Notice(RegistrationStep.Submitted, 1), a, default);
        Task Refuse(StepNotifications n, Account a) => n.RegistrationAsync(Notice(RegistrationStep.Refused, 2, "Chưa đạt loại Khá"), a, default);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Raise(Submit, unitAccount, commit: false); // the caller's step failed: nothing is written
        await Raise(Submit, unitAccount);
        await Raise(Submit, unitAccount); // a retry
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Raise(Refuse, reviewer);
        await Raise(Refuse, reviewer);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        // Corrected and sent again: a new revision, told again.
        await Raise((n, a) => n.RegistrationAsync(Notice(RegistrationStep.Submitted, 3), a, default), unitAccount);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var document = new IssuedDocument
        {
            SubmissionId = Guid.NewGuid(), DocumentId = "giay-cong-nhan", Title = "Giấy công nhận", Kind = "GCN", Number = "12/GCN-UBND", Place = "Đồng Nai",
            VerificationCode = "TEST-HOOK-1", PackId = "tt124.xa", PackVersion = "0", PackHash = "", TemplateKey = "", TemplateHash = "", Html = [], Docx = [],
            HtmlSha256 = "", DocxSha256 = "", IssuedById = reviewer.UserId, IssuedByName = reviewer.Name, Reason = "",
        };
        await Raise((n, a) => n.DocumentIssuedAsync(document, a, world.CommuneB1, 2027, default), reviewer);
        await Raise((n, a) => n.DocumentIssuedAsync(document, a, world.CommuneB1, 2027, default), reviewer);

        var district = (await host.InboxAsync("huyen-b@test.vn")).Where(n => n.GetProperty("kind").GetString()!.StartsWith("registration.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["registration.submitted", "registration.submitted"], district.Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal("Xã Hố Nai 3 gửi đăng ký phấn đấu, năm 2027", district[0].GetProperty("title").GetString());
        Assert.Equal("/xet-duyet", district[0].GetProperty("link").GetString());
        var commune = (await host.InboxAsync("xa-b1@test.vn"))
            .Where(n => n.GetProperty("kind").GetString() is "registration.refused" or "document.issued").ToList();
        Assert.Equal(["registration.refused", "document.issued"], commune.Select(n => n.GetProperty("kind").GetString()));
        Assert.Contains("Lý do: Chưa đạt loại Khá", commune[0].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Đã ban hành Giấy công nhận số 12/GCN-UBND", commune[1].GetProperty("title").GetString());
        Assert.Equal($"/ho-so/{document.SubmissionId}", commune[1].GetProperty("link").GetString());
        host.Mail.TakeAll();
    }

    private async Task<Account> AccountAsync(string email, Unit unit)
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return new Account(user.Id, user.DisplayName, email.StartsWith("xa", StringComparison.Ordinal) ? Roles.UnitUser : Roles.Reviewer, unit);
    }
}
