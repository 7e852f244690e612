using System.Text;
using Antq.FormEngine.Deadlines;

namespace Antq.FormEngine.Tests.Deadlines;

public sealed class DeadlineParserTests
{
    private const string Good = """
        { "id": "xa-danh-gia", "title": "Cấp xã đánh giá, báo cáo cấp huyện", "due": "10-15", "stage": "submitted",
          "remind": ["P14D", "P7D", "P1D"], "escalateAfter": "P1D" }
        """;

    private static (IReadOnlyList<DeadlineDefinition> Deadlines, IReadOnlyList<PackError> Errors) Parse(string json) =>
        DeadlineParser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>One entry: the good one with <paramref name="property"/> replaced (or removed when null).</summary>
    private static string With(string property, string? jsonValue)
    {
        var fields = new Dictionary<string, string>
        {
            ["id"] = "\"xa-danh-gia\"",
            ["title"] = "\"Cấp xã đánh giá\"",
            ["due"] = "\"10-15\"",
            ["stage"] = "\"submitted\"",
            ["remind"] = "[\"P14D\", \"P7D\", \"P1D\"]",
        };
        if (jsonValue is null)
        {
            fields.Remove(property);
        }
        else
        {
            fields[property] = jsonValue;
        }
        return "[{" + string.Join(",", fields.Select(f => $"\"{f.Key}\": {f.Value}")) + "}]";
    }

    private static PackError SingleError(string json, string code, string path)
    {
        var (deadlines, errors) = Parse(json);
        Assert.Empty(deadlines);
        var error = Assert.Single(errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(path, error.Path);
        return error;
    }

    [Fact]
    public void Parse_Example_ReadsEveryField()
    {
        var (deadlines, errors) = Parse($"[{Good}]");

        Assert.Empty(errors);
        var deadline = Assert.Single(deadlines);
        Assert.Equal("xa-danh-gia", deadline.Id);
        Assert.Equal("Cấp xã đánh giá, báo cáo cấp huyện", deadline.Title);
        Assert.Equal((10, 15), (deadline.DueMonth, deadline.DueDay));
        Assert.Equal("submitted", deadline.Stage);
        Assert.Equal([TimeSpan.FromDays(14), TimeSpan.FromDays(7), TimeSpan.FromDays(1)], deadline.Remind);
        Assert.Equal(TimeSpan.FromDays(1), deadline.EscalateAfter);
        Assert.Null(deadline.OpensMonth);
        Assert.Null(deadline.OpensDay);
    }

    [Fact]
    public void Parse_EmptyArray_NoDeadlines()
    {
        var (deadlines, errors) = Parse("[]");

        Assert.Empty(deadlines);
        Assert.Empty(errors);
    }

    [Fact]
    public void Parse_OptionalFields_ReadWhenPresentAndNullAsAbsent()
    {
        var (deadlines, errors) = Parse(With("opens", "\"09-01\"")[..^2] + ", \"escalateAfter\": null}]");

        Assert.Empty(errors);
        var deadline = Assert.Single(deadlines);
        Assert.Equal((9, 1), (deadline.OpensMonth, deadline.OpensDay));
        Assert.Null(deadline.EscalateAfter);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"x\"")]
    public void Parse_RootNotArray_Refused(string json) => SingleError(json, "deadline.not-array", "deadlines.json");

    [Fact]
    public void Parse_ElementNotObject_Refused() => SingleError("[42]", "deadline.not-object", "deadlines.json#/0");

    [Fact]
    public void Parse_InvalidJson_ReportsPosition() => SingleError("[\n  { \"id\": }\n]", "json.invalid", "deadlines.json(2,11)");

    [Fact]
    public void Parse_CustomFileName_UsedInPaths()
    {
        var (_, errors) = DeadlineParser.Parse("[42]"u8, "other.json");

        Assert.Equal("other.json#/0", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("title")]
    [InlineData("due")]
    [InlineData("stage")]
    [InlineData("remind")]
    public void Parse_MissingRequiredProperty_Refused(string property) =>
        SingleError(With(property, null), "deadline.required", $"deadlines.json#/0/{property}");

    [Theory]
    [InlineData("id", "1")]
    [InlineData("title", "true")]
    [InlineData("due", "1015")]
    [InlineData("stage", "null")]
    [InlineData("remind", "\"P7D\"")]
    [InlineData("opens", "9")]
    public void Parse_WrongJsonType_Refused(string property, string value) =>
        SingleError(With(property, value), "deadline.type", $"deadlines.json#/0/{property}");

    [Theory]
    [InlineData("escalteAfter")]
    [InlineData("Due")]
    [InlineData("a/b")]
    public void Parse_UnknownProperty_Refused(string name)
    {
        var json = With("due", "\"10-15\"")[..^2] + $", \"{name}\": \"x\"}}]";

        var error = SingleError(json, "deadline.unknown-property", "deadlines.json#/0/" + name.Replace("/", "~1"));

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Parse_UnknownPropertyDifferingInCase_SuggestsName() =>
        Assert.Contains("“due”", SingleError(With("due", "\"10-15\"")[..^2] + ", \"DUE\": \"x\"}]", "deadline.unknown-property", "deadlines.json#/0/DUE").Message);

    [Fact]
    public void Parse_DuplicateProperty_Refused() =>
        SingleError(With("due", "\"10-15\"")[..^2] + ", \"due\": \"10-16\"}]", "deadline.duplicate-property", "deadlines.json#/0/due");

    [Theory]
    [InlineData("Xa")]
    [InlineData("-xa")]
    [InlineData("xã")]
    [InlineData("xa_danh_gia")]
    [InlineData("")]
    public void Parse_InvalidId_Refused(string id) => SingleError(With("id", $"\"{id}\""), "deadline.id", "deadlines.json#/0/id");

    [Fact]
    public void Parse_DuplicateId_RefusedAtSecond()
    {
        var (deadlines, errors) = Parse($"[{Good}, {Good}]");

        var error = Assert.Single(errors);
        Assert.Equal(("deadline.duplicate-id", "deadlines.json#/1/id"), (error.Code, error.Path));
        Assert.Contains("/0", error.Message);
        Assert.Single(deadlines);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Parse_EmptyTitle_Refused(string title) => SingleError(With("title", title), "deadline.title", "deadlines.json#/0/title");

    [Theory]
    [InlineData("10-15")]
    [InlineData("01-01")]
    [InlineData("12-31")]
    [InlineData("02-28")]
    public void Parse_RealDate_Accepted(string due) => Assert.Empty(Parse(With("due", $"\"{due}\"")).Errors);

    [Theory]
    [InlineData("13-01")]
    [InlineData("00-10")]
    [InlineData("04-31")]
    [InlineData("10-00")]
    [InlineData("10-32")]
    [InlineData("1-15")]
    [InlineData("10/15")]
    [InlineData("2025-10-15")]
    [InlineData("１0-15")]
    public void Parse_InvalidDue_Refused(string due) => SingleError(With("due", $"\"{due}\""), "deadline.date", "deadlines.json#/0/due");

    [Fact]
    public void Parse_LeapDay_RefusedSayingWhy()
    {
        var error = SingleError(With("due", "\"02-29\""), "deadline.date", "deadlines.json#/0/due");

        Assert.Contains("năm nhuận", error.Message);
    }

    [Fact]
    public void Parse_InvalidOpens_Refused() => SingleError(With("opens", "\"02-30\""), "deadline.date", "deadlines.json#/0/opens");

    [Theory]
    [InlineData("registered")]
    [InlineData("submitted")]
    [InlineData("recognised")]
    [InlineData("reviewed:district")]
    [InlineData("reviewed:cap-2")]
    public void Parse_KnownStage_Accepted(string stage) => Assert.Empty(Parse(With("stage", $"\"{stage}\"")).Errors);

    [Theory]
    [InlineData("reviewed")]
    [InlineData("reviewed:")]
    [InlineData("reviewed:District")]
    [InlineData("reviewed:huyện")]
    [InlineData("recognized")]
    [InlineData("Submitted")]
    [InlineData("")]
    public void Parse_UnknownStage_Refused(string stage) => SingleError(With("stage", $"\"{stage}\""), "deadline.stage", "deadlines.json#/0/stage");

    [Fact]
    public void Parse_ReminderNotString_Refused() => SingleError(With("remind", "[\"P7D\", 7]"), "deadline.type", "deadlines.json#/0/remind/1");

    [Fact]
    public void Parse_DuplicateReminder_Refused() =>
        SingleError(With("remind", "[\"P7D\", \"P1W\"]"), "deadline.duplicate-remind", "deadlines.json#/0/remind/1");

    [Fact]
    public void Parse_ReminderUnderOneDay_RefusedSayingAtLeastOneDay()
    {
        var error = SingleError(With("remind", "[\"P7D\", \"PT12H\"]"), "deadline.duration", "deadlines.json#/0/remind/1");

        Assert.Contains("phải ít nhất 1 ngày", error.Message);
    }

    [Fact]
    public void Parse_EscalateAfterMonths_Refused() =>
        Assert.Contains("tháng", SingleError(With("escalateAfter", "\"P1M\""), "deadline.duration", "deadlines.json#/0/escalateAfter").Message);

    [Fact]
    public void Parse_SeveralProblems_ReportsEach()
    {
        var json = """
            [ { "id": "A", "title": "", "due": "02-29", "stage": "done", "remind": ["PT1H"], "escalateAfter": "P1Y", "opens": "13-01", "note": 1 },
              { "id": "ok", "title": "Hợp lệ", "due": "01-15", "stage": "recognised", "remind": [] } ]
            """;

        var (deadlines, errors) = Parse(json);

        Assert.Equal("ok", Assert.Single(deadlines).Id);
        Assert.Equal(
            ["/0/due", "/0/escalateAfter", "/0/id", "/0/note", "/0/opens", "/0/remind/0", "/0/stage", "/0/title"],
            errors.Select(e => e.Path["deadlines.json#".Length..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_Utf8Bom_Accepted() => Assert.Empty(DeadlineParser.Parse([0xEF, 0xBB, 0xBF, (byte)'[', (byte)']']).Errors);
}
