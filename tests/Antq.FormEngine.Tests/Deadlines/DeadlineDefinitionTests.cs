using Antq.FormEngine.Deadlines;

namespace Antq.FormEngine.Tests.Deadlines;

public sealed class DeadlineDefinitionTests
{
    private static DeadlineDefinition Deadline(int dueMonth, int dueDay, int? opensMonth = null, int? opensDay = null) =>
        new("xa-danh-gia", "Cấp xã đánh giá", dueMonth, dueDay, "submitted", [], null, opensMonth, opensDay);

    [Fact]
    public void DueAt_October15_StartOfDayInVietnam()
    {
        var due = Deadline(10, 15).DueAt(2025);

        Assert.Equal(new DateTimeOffset(2025, 10, 15, 0, 0, 0, TimeSpan.FromHours(7)), due);
        Assert.Equal(TimeSpan.FromHours(7), due.Offset);
        Assert.Equal(new DateTime(2025, 10, 14, 17, 0, 0), due.UtcDateTime);
    }

    [Fact]
    public void DueAt_February28_WorksInLeapYear() =>
        Assert.Equal(new DateTimeOffset(2024, 2, 28, 0, 0, 0, TimeSpan.FromHours(7)), Deadline(2, 28).DueAt(2024));

    [Fact]
    public void OpensAt_NoOpeningDate_Null() => Assert.Null(Deadline(10, 15).OpensAt(2025));

    [Fact]
    public void OpensAt_EarlierInYear_SameYear() =>
        Assert.Equal(new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.FromHours(7)), Deadline(10, 15, 9, 1).OpensAt(2025));

    [Fact]
    public void OpensAt_LaterInYearThanDue_PreviousYear() =>
        Assert.Equal(new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.FromHours(7)), Deadline(1, 15, 12, 1).OpensAt(2025));

    [Fact]
    public void OpensAt_SameMonthLaterDay_PreviousYear() =>
        Assert.Equal(new DateTimeOffset(2024, 1, 20, 0, 0, 0, TimeSpan.FromHours(7)), Deadline(1, 15, 1, 20).OpensAt(2025));

    [Fact]
    public void OpensAt_SameDayAsDue_SameYear() =>
        Assert.Equal(new DateTimeOffset(2025, 10, 15, 0, 0, 0, TimeSpan.FromHours(7)), Deadline(10, 15, 10, 15).OpensAt(2025));

    [Fact]
    public void VietnamTime_Zone_IsUtcPlus7WithoutDaylightSaving()
    {
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Zone.GetUtcOffset(new DateTime(2025, 1, 1)));
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Zone.GetUtcOffset(new DateTime(2025, 7, 1)));
    }
}
