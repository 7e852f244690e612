using System.Text;
using System.Text.Json;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;

namespace Antq.National;

/// <summary>
/// A year of dossiers as it stands in the deadline week: one dossier per unit and applicable active pack (nine in ten
/// areas and organisations have registered), in the states the review procedure leaves them, each with its data from
/// one of the pack's own test cases, its verdict computed by the engine and written by <see cref="SubmissionEvaluator.Store"/>,
/// its audit trail (created, submitted, the decisions) and, once submitted, its issued submission document with a
/// registry number and a verification code.
/// </summary>
public sealed class NationalDossiers
{
    public const string Actor = "bench:national";

    public List<SubmissionRecord> Submissions { get; } = [];
    public List<AuditEntry> Audit { get; } = [];
    public List<IssuedDocument> Documents { get; } = [];
    public Dictionary<(int Unit, int Year, string Kind), int> Counters { get; } = [];

    private static readonly byte[] PlaceholderDocx = Encoding.UTF8.GetBytes("(bench: DOCX body not rendered)");

    /// <summary>Shares of each state, by who decides: (draft, submitted, returned, approved, recognised, not recognised).</summary>
    private static readonly double[] CommuneShares = [0.25, 0.20, 0.05, 0.05, 0.40, 0.05];
    private static readonly double[] BaseShares = [0.15, 0.15, 0.05, 0.05, 0.55, 0.05];

    /// <summary>Draws the states and data; <paramref name="evaluate"/> computes the verdict (the caller decides with which facts).</summary>
    public void Add(Unit unit, Unit reviewer, CompiledPack pack, int year, Random random, Func<JsonElement, EvaluationResult> evaluate, DateTimeOffset now)
    {
        var shares = unit.LevelId == "commune" ? CommuneShares : BaseShares;
        var status = Draw(random, shares) switch
        {
            0 => SubmissionStatus.Draft, 1 => SubmissionStatus.Submitted, 2 => SubmissionStatus.Returned,
            3 => SubmissionStatus.Approved, 4 => SubmissionStatus.Recognised, _ => SubmissionStatus.NotRecognised,
        };
        var test = pack.Tests[random.Next(pack.Tests.Count)];
        var created = now.AddDays(-random.Next(30, 300)).AddMinutes(-random.Next(0, 600));
        var record = new SubmissionRecord
        {
            Id = Guid.NewGuid(), UnitId = unit.Id, PackId = pack.Manifest.Id, Year = year, PackVersion = pack.Manifest.Version,
            Status = status, DataJson = "", EvaluationJson = "", EvaluatedPackHash = "",
            CreateHash = CanonicalJson.CreateHash(unit.Id, pack.Manifest.Id, year, test.Data),
            CreatedAt = created, UpdatedAt = created, Revision = 1 + random.Next(3, 40),
        };
        SubmissionEvaluator.Store(record, pack, test.Data, evaluate(test.Data));
        Submissions.Add(record);
        Step(record, SubmissionAudit.Created, null, SubmissionStatus.Draft, unit, created);
        if (status == SubmissionStatus.Draft) return;

        var submitted = created.AddDays(random.Next(1, 25));
        record.SubmittedAt = submitted;
        record.UpdatedAt = submitted;
        Step(record, SubmissionAudit.Submitted, SubmissionStatus.Draft, SubmissionStatus.Submitted, unit, submitted);
        Issue(record, unit, pack, submitted);
        var decided = submitted.AddDays(random.Next(1, 20));
        switch (status)
        {
            case SubmissionStatus.Submitted:
                record.PendingUnitId = reviewer.Id;
                break;
            case SubmissionStatus.Returned:
                record.UpdatedAt = decided;
                Step(record, SubmissionAudit.Returned, SubmissionStatus.Submitted, SubmissionStatus.Returned, reviewer, decided,
                    new { reason = "Bổ sung minh chứng của các tiêu chí còn thiếu." });
                break;
            case SubmissionStatus.Approved:
                record.PendingUnitId = reviewer.Id;
                record.UpdatedAt = decided;
                Step(record, SubmissionAudit.Endorsed, SubmissionStatus.Submitted, SubmissionStatus.Approved, reviewer, decided);
                break;
            default:
                record.UpdatedAt = decided;
                record.DecisionNumber = $"{random.Next(1, 999)}/QĐ-UBND";
                record.DecisionDate = DateOnly.FromDateTime(decided.UtcDateTime);
                Step(record, status == SubmissionStatus.Recognised ? SubmissionAudit.Recognised : SubmissionAudit.Rejected,
                    SubmissionStatus.Submitted, status, reviewer, decided);
                break;
        }
    }

    /// <summary>The submission document (tờ trình), numbered in the unit's registry as DocumentKinds numbers it.</summary>
    private void Issue(SubmissionRecord record, Unit unit, CompiledPack pack, DateTimeOffset at)
    {
        var document = pack.Manifest.Documents.FirstOrDefault(d => DocumentKinds.StepOf(d) == DocumentStep.Submitted);
        if (document is null) return;
        var kind = DocumentKinds.Abbreviation(document);
        var year = at.UtcDateTime.Year;
        var sequence = Counters[(unit.Id, year, kind)] = Counters.GetValueOrDefault((unit.Id, year, kind)) + 1;
        var number = DocumentKinds.Number(sequence, kind, DocumentKinds.IssuerSuffix(unit));
        // Lists, registries and the verify page read the row; the rendered bodies are placeholders (PdfProbe measures rendering).
        var html = Encoding.UTF8.GetBytes($"<!doctype html><html lang=\"vi\"><body><p>{number}</p><p>{unit.Name}</p><p>(bench: nội dung không dựng)</p></body></html>");
        Documents.Add(new IssuedDocument
        {
            SubmissionId = record.Id, DocumentId = document.Id, Title = document.Title, Version = 1, Kind = kind, IssuerUnitId = unit.Id,
            RegistryYear = year, Sequence = sequence, Number = number, IssueDate = DateOnly.FromDateTime(at.UtcDateTime),
            Place = unit.Name, VerificationCode = VerificationCodes.New(), PackId = pack.Manifest.Id, PackVersion = pack.Manifest.Version,
            PackHash = pack.ContentHash, TemplateKey = document.Template, TemplateVersion = 1, TemplateHash = new string('0', 64),
            Html = html, Docx = PlaceholderDocx, HtmlSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(html)),
            DocxSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PlaceholderDocx)),
            IssuedById = Actor, IssuedByName = unit.Name, IssuedAt = at, Reason = "submitted",
        });
    }

    /// <summary>The audit entry of one step, written by the server's own <see cref="SubmissionAudit.Entry"/> with the record in that step's state.</summary>
    private void Step(SubmissionRecord record, string action, string? from, string to, Unit actorUnit, DateTimeOffset at, object? details = null)
    {
        var final = record.Status;
        record.Status = to;
        Audit.Add(SubmissionAudit.Entry(new Account(Actor, "Dữ liệu thử tải toàn quốc", Roles.UnitUser, actorUnit), record, action, from, details, at));
        record.Status = final;
    }

    private static int Draw(Random random, double[] shares)
    {
        var x = random.NextDouble();
        for (var i = 0; i < shares.Length; i++)
        {
            if (x < shares[i]) return i;
            x -= shares[i];
        }
        return shares.Length - 1;
    }
}
