namespace Antq.Admin.Features.Notifications;

/// <summary>A message of the inbox; <c>kindText</c> is its kind in words; <c>units</c> are the units a reminder is about.</summary>
public sealed record NotificationView(
    Guid Id,
    string Kind,
    string KindText,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    string? PackId,
    string? DeadlineId,
    int? Year,
    string? Occasion,
    IReadOnlyList<NotificationUnitView> Units);

public sealed record NotificationUnitView(int Id, string Name);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Total, int Unread);

public sealed record UnreadCountView(int Count);
