using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Antq.Admin.Tests.Notifications;

/// <summary>
/// Every kind has its text in templates/notifications/ and the copy built into the server, and each
/// renders strictly (an unknown variable would fall back to the plain built-in text and log an error).
/// </summary>
public sealed class StepMessageTemplateTests
{
    private static readonly Unit Commune = new() { Id = 7, Code = "26041", Name = "Xã Phước Tân", KindId = "xa", LevelId = "commune" };
    private static readonly Unit Province = new() { Id = 1, Code = "75", Name = "Tỉnh Đồng Nai", KindId = "tinh", LevelId = "province" };

    public static TheoryData<string, bool> Kinds()
    {
        var data = new TheoryData<string, bool>();
        foreach (var kind in StepMessages.Files.Keys)
        {
            data.Add(kind, true);
            data.Add(kind, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Render_EveryKind_FromTheFolderAndTheBuiltInCopy_WithoutFallback(string kind, bool fromFolder)
    {
        var log = new ErrorLog();
        var messages = new StepMessages(new ReminderSettings { TemplatesDirectory = fromFolder ? RepoPaths.Templates : null, PublicUrl = "https://antq.test" }, log);
        var step = new StepEvent(kind, "k", Commune, "tt124.xa", "Thông tư 124", 2026)
        {
            SubmissionId = Guid.NewGuid(), WaitingAt = Province, Reason = "Thiếu biên bản", Criteria = [new CriterionNote("TC01", "Tiêu chí 1", "Bổ sung")],
            DecisionNumber = "12/QĐ-UBND", DecisionDate = new DateOnly(2026, 11, 20), DocumentTitle = "Giấy công nhận", DocumentNumber = "3/GCN",
        };
        var recipient = new Recipient("u", "Nguyễn Văn A", "a@test.vn", Roles.UnitUser, Commune.Id);
        var actor = new Account("r", "Trần Thị B", Roles.Reviewer, Province);
        foreach (var channel in new[] { "in-app", "email" })
        {
            var text = messages.Render(step, recipient, actor, "/ho-so/x", channel, new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
            Assert.Empty(log.Errors);
            Assert.Contains("Xã Phước Tân", text.Title + text.Body, StringComparison.Ordinal);
            Assert.Contains("Kính gửi: Nguyễn Văn A.", text.Body, StringComparison.Ordinal);
            Assert.Equal(channel == "email", text.Body.Contains("https://antq.test/ho-so/x", StringComparison.Ordinal));
        }
    }

    private sealed class ErrorLog : ILogger<StepMessages>
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) Errors.Add(formatter(state, exception));
        }
    }
}
