namespace Antq.Admin.Features.Notifications;

/// <summary>A message of the inbox; <c>units</c> are the units it is about.</summary>
public sealed record NotificationView(
    Guid Id,
    string Kind,
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
