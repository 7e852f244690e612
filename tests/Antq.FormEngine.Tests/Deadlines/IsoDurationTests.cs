using Antq.FormEngine.Deadlines;

namespace Antq.FormEngine.Tests.Deadlines;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P1D", 24 * 60)]
    [InlineData("P14D", 14 * 24 * 60)]
    [InlineData("P2W", 14 * 24 * 60)]
    [InlineData("PT24H", 24 * 60)]
    [InlineData("PT36H", 36 * 60)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("P1DT12H30M", 36 * 60 + 30)]
    [InlineData("PT1440M", 24 * 60)]
    [InlineData("PT23H60M", 24 * 60)]
    [InlineData("P366D", 366 * 24 * 60)]
    public void TryParse_SupportedForms_Parsed(string text, int minutes)
    {
        Assert.True(IsoDuration.TryParse(text, out var value, out _));
        Assert.Equal(TimeSpan.FromMinutes(minutes), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("7D")]
    [InlineData("p7d")]
    [InlineData("P7")]
    [InlineData("P-7D")]
    [InlineData("P+7D")]
    [InlineData("P1.5D")]
    [InlineData("P7D ")]
    [InlineData(" P7D")]
    [InlineData("P1W1D")]
    [InlineData("P1D1D")]
    [InlineData("PT1H1H")]
    [InlineData("PT1M1H")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("P1DT1S")]
    [InlineData("PT1H T1M")]
    [InlineData("P1TD")]
    [InlineData("P9999999D")]
    [InlineData("P٣D")]
    public void TryParse_Malformed_Refused(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("ISO 8601", error);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("P1Y2M")]
    [InlineData("P1MT1H")]
    public void TryParse_MonthsOrYears_RefusedBecauseLengthVaries(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("thay đổi", error);
    }

    [Theory]
    [InlineData("PT12H")]
    [InlineData("PT23H59M")]
    [InlineData("P0D")]
    [InlineData("PT0M")]
    public void TryParse_UnderOneDay_Refused(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("phải ít nhất 1 ngày", error);
    }

    [Theory]
    [InlineData("P367D")]
    [InlineData("P53W")]
    [InlineData("PT999999H")]
    public void TryParse_OverAYear_Refused(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("366 ngày", error);
    }
}
