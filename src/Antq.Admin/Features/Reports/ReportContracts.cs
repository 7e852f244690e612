namespace Antq.Admin.Features.Reports;

/// <summary>One issued version of a level's yearly report, with its download links (html, docx, pdf) and verify address.</summary>
public sealed record IssuedReportView(long Id, string DocumentId, int Year, int UnitId, string UnitName, string Title, string Number, DateOnly IssueDate,
    int Version, bool Current, bool AwaitingNumber, string VerificationCode, string VerifyUrl, string IssuedByName, DateTimeOffset IssuedAt,
    string? Note, IReadOnlyDictionary<string, string> Links);

/// <summary>The reports a level issued in a year, whether the caller may issue (again), and the reports of the levels below it in scope.</summary>
public sealed record YearlyReportsView(int Year, int UnitId, string UnitName, bool CanIssue, IReadOnlyList<IssuedReportView> Reports);

/// <summary>What the reporting officer sends to issue: the year, the free text, and why a new version replaces an issued one.</summary>
public sealed record IssueReportRequest(int? Year, string? Assessment, string? Proposals, string? Note);

/// <summary>The inputs an issued report was rendered from besides the data (kept as its <c>InputJson</c>).</summary>
public sealed record ReportInput(string Assessment, string Proposals);
