namespace Antq.FormEngine.Deadlines;

/// <summary>The time zone deadlines are in: Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving since 1975).</summary>
public static class VietnamTime
{
    private const string ZoneId = "Asia/Ho_Chi_Minh";

    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The instant as Vietnamese wall-clock time.</summary>
    public static DateTimeOffset At(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day it is in Vietnam at the instant (what "today" means for deadlines and documents).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(At(instant).DateTime);

    /// <summary>The year it is in Vietnam at the instant.</summary>
    public static int YearOf(DateTimeOffset instant) => At(instant).Year;

    // Minimal containers often ship without tzdata; a fixed +07:00 gives the same answer for every
    // year a pack can name, so deadlines must not fail for a missing package.
    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "Giờ Việt Nam (UTC+07:00)", "Giờ Việt Nam");
        }
    }
}
