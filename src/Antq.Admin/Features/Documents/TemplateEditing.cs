using System.Text.RegularExpressions;
using Scriban.Runtime;
using Antq.Admin.Data;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Staff editing of document templates (administrators only): list, read, preview against a
/// submission, save as a new version, revert (a new version equal to an old one). Every save goes
/// through the sandbox like a pack upload: parse, forbidden constructs, and a strict render against
/// the test cases of every active pack that uses the template, issued and draft. Issued documents
/// keep their stored bytes: a template change only affects documents issued after it.
/// </summary>
public sealed partial class TemplateEditing(
    CurrentAccount current, AntqDbContext db, TemplateStore store, PackCatalog catalog, SubmissionStore submissions, DocumentIssuer issuer,
    TimeProvider time)
{
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        await RequireAdminAsync(ct);
        var packs = await ActivePacksAsync(ct);
        await store.SeedAllAsync(packs, ct);
        var latest = await db.TemplateVersions.AsNoTracking()
            .Where(t => t.Version == db.TemplateVersions.Where(o => o.Key == t.Key).Max(o => o.Version))
            .Select(t => new { t.Key, t.Version, t.CreatedByName, t.CreatedAt })
            .ToListAsync(ct);
        return latest.OrderBy(t => t.Key.Contains(':')).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t =>
            {
                var (packId, packVersion, templateId) = SplitKey(t.Key);
                var users = packs.Where(p => p.Manifest.Documents.Any(d => TemplateStore.KeyFor(p, d) == t.Key))
                    .Select(p => $"{p.Manifest.Id} {p.Manifest.Version}").ToList();
                return new TemplateSummary(t.Key, templateId, packId, packVersion, t.Version, t.CreatedByName, t.CreatedAt, users);
            })
            .ToList();
    }

    public async Task<TemplateDetail> GetAsync(string key, CancellationToken ct)
    {
        await RequireAdminAsync(ct);
        var versions = await db.TemplateVersions.AsNoTracking().Where(t => t.Key == key).OrderByDescending(t => t.Version).ToListAsync(ct);
        if (versions.Count == 0) throw NotFound(key);
        return new TemplateDetail(key, versions[0].Version, versions[0].Source,
            versions.Select(v => new TemplateVersionView(v.Version, v.Sha256, v.Note, v.CreatedByName, v.CreatedAt, v == versions[0])).ToList());
    }

    public async Task<TemplateSourceView> GetVersionAsync(string key, int version, CancellationToken ct)
    {
        await RequireAdminAsync(ct);
        var record = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key && t.Version == version, ct)
            ?? throw NotFound($"{key} phiên bản {version}");
        return new TemplateSourceView(key, record.Version, record.Source, record.Sha256);
    }

    public async Task<Result<TemplateDetail>> SaveAsync(string key, SaveTemplateRequest request, CancellationToken ct)
    {
        var account = await RequireAdminAsync(ct);
        if (request.Source is null || request.BaseVersion is null)
            return Refusal.BadRequest("Cần gửi nội dung mẫu (source) và phiên bản đang sửa (baseVersion).");
        if (request.Note is { Length: > 500 }) return Refusal.BadRequest("Ghi chú tối đa 500 ký tự.");
        return await AddCheckedAsync(account, key, request.Source, request.BaseVersion.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), ct);
    }

    public async Task<Result<TemplateDetail>> RevertAsync(string key, RevertTemplateRequest request, CancellationToken ct)
    {
        var account = await RequireAdminAsync(ct);
        if (request.Version is null || request.BaseVersion is null)
            return Refusal.BadRequest("Cần nêu phiên bản muốn khôi phục (version) và phiên bản hiện tại (baseVersion).");
        var old = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key && t.Version == request.Version, ct);
        if (old is null) return Refusal.NotFound($"Mẫu «{key}» không có phiên bản {request.Version}.");
        return await AddCheckedAsync(account, key, old.Source, request.BaseVersion.Value, $"Khôi phục phiên bản {old.Version}", ct);
    }

    /// <summary>
    /// Renders <see cref="PreviewTemplateRequest.Source"/> strictly against a submission the admin can see, as a draft;
    /// without a submission, against the sample model (<see cref="SampleAsync"/>), as the editor's live preview does while typing.
    /// </summary>
    public async Task<Result<PreviewView>> PreviewAsync(string key, PreviewTemplateRequest request, CancellationToken ct)
    {
        var account = await RequireAdminAsync(ct);
        var source = request.Source ?? (await store.CurrentRecordAsync(key, ct))?.Source ?? throw NotFound(key);
        if (request.SubmissionId is not { } submissionId)
        {
            if (await SampleAsync(key, ct) is not { } example)
                return Refusal.BadRequest("Chưa có bộ tiêu chí đang áp dụng nào có ca kiểm thử để làm dữ liệu mẫu; hãy chọn một hồ sơ để xem trước (submissionId).");
            var parsedSample = TemplateSandbox.Parse(source, TemplateStore.FileName(key));
            if (!parsedSample.Ok) return new PreviewView(null, Errors(parsedSample.Errors)) { Sample = example.Label };
            var renderedSample = TemplateSandbox.Render(parsedSample.Template, example.Model);
            return new PreviewView(renderedSample.Output, Errors(renderedSample.Errors)) { Sample = example.Label };
        }
        var record = await submissions.GetVisibleAsync(account, submissionId, ct);
        var pack = await submissions.PinnedPackAsync(record, ct);
        var (_, _, templateId) = SplitKey(key);
        var document = pack.Manifest.Documents.FirstOrDefault(d => d.Id == request.DocumentId)
            ?? pack.Manifest.Documents.FirstOrDefault(d => d.Template == templateId)
            ?? new DocumentRef(templateId, templateId, templateId);
        var parsed = TemplateSandbox.Parse(source, TemplateStore.FileName(key));
        if (!parsed.Ok) return new PreviewView(null, Errors(parsed.Errors));
        if ((templateId == Exports.YearlyReport.TemplateId ? Exports.YearlyReport.Sample(draft: true) : OutcomeDocuments.Sample(templateId, pack.Manifest, draft: true)) is { } sample)
        {
            var outcome = TemplateSandbox.Render(parsed.Template, sample);
            return new PreviewView(outcome.Output, Errors(outcome.Errors));
        }
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.SubmissionId == record.Id).OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);
        var today = FormEngine.Deadlines.VietnamTime.DateOf(time.GetUtcNow());
        var model = await issuer.ModelAsync(record, pack, new DocumentInfo(document.Id, document.Title, "", today, "", ""),
            new SignerInfo("", ""), meeting, ct);
        var rendered = TemplateSandbox.Render(parsed.Template, model);
        return new PreviewView(rendered.Output, Errors(rendered.Errors));
    }

    /// <summary>The variables a template of <paramref name="key"/> can use, with their meaning and their value in the sample model.</summary>
    public async Task<IReadOnlyList<TemplateVariable>> VariablesAsync(string key, CancellationToken ct)
    {
        await RequireAdminAsync(ct);
        return await SampleAsync(key, ct) is { } sample ? TemplateVariables.Of(sample.Model) : [];
    }

    /// <summary>
    /// The sample model of a template: the first test case of the first active pack that uses it (any active pack
    /// for a template no pack names), as an issued document — what the save check renders against first; an
    /// outcome document (decision, certificate, notice) and the yearly report get their own sample model.
    /// </summary>
    private async Task<(ScriptObject Model, string Label)?> SampleAsync(string key, CancellationToken ct)
    {
        var (_, _, templateId) = SplitKey(key);
        // The yearly report is no pack's document: its own invented figures.
        if (templateId == Exports.YearlyReport.TemplateId) return (Exports.YearlyReport.Sample(draft: false), "số liệu mẫu của báo cáo kết quả năm");
        foreach (var (pack, document) in await TargetsAsync(key, ct))
        {
            if (OutcomeDocuments.Sample(templateId, pack.Manifest, draft: false) is { } outcome)
                return (outcome, $"dữ liệu mẫu của bộ tiêu chí {pack.Manifest.Id} {pack.Manifest.Version}");
            if (pack.Tests.Count == 0) continue;
            var test = pack.Tests[0];
            var input = TemplateModelInput.Sample(test.Unit, test.Year, pack.Manifest, test.Data, pack.Evaluate(test.Unit, test.Year, test.Data), document);
            return (TemplateModel.Build(input), $"ca kiểm thử «{test.Name}» của bộ tiêu chí {pack.Manifest.Id} {pack.Manifest.Version}");
        }
        return null;
    }

    /// <summary>The active packs a template is checked against, each with the document it makes there.</summary>
    private async Task<List<(CompiledPack Pack, string DocumentId)>> TargetsAsync(string key, CancellationToken ct)
    {
        var packs = await ActivePacksAsync(ct);
        var (packId, packVersion, templateId) = SplitKey(key);
        if (packId is not null && await catalog.GetAsync(packId, packVersion!, ct) is { } own) packs = [own];
        var users = packs.Where(p => p.Manifest.Documents.Any(d => TemplateStore.KeyFor(p, d) == key)).ToList();
        return (users.Count > 0 ? users : packs)
            .Select(pack => (pack, pack.Manifest.Documents.FirstOrDefault(d => TemplateStore.KeyFor(pack, d) == key)?.Id ?? templateId))
            .ToList();
    }

    private async Task<Result<TemplateDetail>> AddCheckedAsync(Account account, string key, string source, int baseVersion, string? note, CancellationToken ct)
    {
        var current = await store.CurrentRecordAsync(key, ct);
        if (current is null) return Refusal.NotFound($"Không tìm thấy mẫu văn bản «{key}».");
        if (current.Version != baseVersion)
            return Stale(current.Version);
        var errors = await CheckAsync(key, source, ct);
        if (errors.Count > 0)
            return Refusal.Unprocessable(
                $"Mẫu văn bản chưa được lưu vì có {errors.Count} lỗi: " + string.Join(" ", errors.Take(5).Select(e => e.ToString())),
                new Dictionary<string, object?> { ["errors"] = Errors(errors) });
        if (await store.AddVersionAsync(key, source, baseVersion, account, note, ct) is null) return Stale(baseVersion + 1);
        return await GetAsync(key, ct);
    }

    private static Refusal Stale(int current) =>
        Refusal.Conflict($"Mẫu văn bản vừa được lưu thành phiên bản {current} ở nơi khác. Hãy tải lại rồi sửa tiếp; nội dung bạn đang sửa chưa được lưu.",
            new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>Parse, forbidden constructs, strict renders against every test case of the packs that use the key.</summary>
    private async Task<IReadOnlyList<PackError>> CheckAsync(string key, string source, CancellationToken ct)
    {
        var file = TemplateStore.FileName(key);
        var parsed = TemplateSandbox.Parse(source, file);
        if (!parsed.Ok) return parsed.Errors;
        var errors = new List<PackError>();
        var (_, _, templateId) = SplitKey(key);
        // The yearly report is no pack's document: checked against its invented figures, issued and draft.
        if (templateId == Exports.YearlyReport.TemplateId)
        {
            foreach (var draft in new[] { false, true })
            {
                var render = TemplateSandbox.Render(parsed.Template, Exports.YearlyReport.Sample(draft));
                errors.AddRange(render.Errors.Select(e => e with { Message = $"{e.Message} (khi dựng với số liệu mẫu{(draft ? " chưa có số" : "")})" }));
                if (!render.Ok) return errors;
            }
            return errors;
        }
        var targets = await TargetsAsync(key, ct);
        // The outcome documents (decision, certificate, notice) have their own model: checked against its samples.
        if (OutcomeDocuments.Templates.Contains(templateId))
        {
            foreach (var (pack, _) in targets.Take(1))
                foreach (var draft in new[] { false, true })
                {
                    var render = TemplateSandbox.Render(parsed.Template, OutcomeDocuments.Sample(templateId, pack.Manifest, draft)!);
                    errors.AddRange(render.Errors.Select(e => e with { Message = $"{e.Message} (khi dựng với dữ liệu mẫu{(draft ? " chưa có số" : "")})" }));
                    if (!render.Ok) return errors;
                }
            return errors;
        }
        foreach (var (pack, document) in targets)
        {
            for (var i = 0; i < pack.Tests.Count; i++)
            {
                var test = pack.Tests[i];
                var evaluation = pack.Evaluate(test.Unit, test.Year, test.Data);
                foreach (var draft in i == 0 ? new[] { false, true } : [false])
                {
                    var model = TemplateModel.Build(TemplateModelInput.Sample(test.Unit, test.Year, pack.Manifest, test.Data, evaluation, document, draft));
                    var render = TemplateSandbox.Render(parsed.Template, model);
                    errors.AddRange(render.Errors.Select(e => e with { Message = $"{e.Message} (khi dựng với ca kiểm thử «{test.Name}» của gói {pack.Manifest.Id} {pack.Manifest.Version})" }));
                    if (!render.Ok) return errors; // one failing case is enough to refuse; the first error is the useful one
                }
            }
        }
        return errors;
    }

    private async Task<List<CompiledPack>> ActivePacksAsync(CancellationToken ct)
    {
        var active = await db.ActivePacks.AsNoTracking().Select(a => new { a.PackId, a.Version!.Version }).ToListAsync(ct);
        var packs = new List<CompiledPack>();
        foreach (var a in active.OrderBy(a => a.PackId, StringComparer.Ordinal))
            if (await catalog.GetAsync(a.PackId, a.Version, ct) is { } pack) packs.Add(pack);
        return packs;
    }

    private async Task<Account> RequireAdminAsync(CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        return account.IsProvinceAdmin ? account : throw new AccessDeniedException("Chỉ quản trị viên cấp tỉnh mới được quản lý mẫu văn bản.");
    }

    private static AccessDeniedException NotFound(string what) => new($"Không tìm thấy mẫu văn bản «{what}».", StatusCodes.Status404NotFound);

    /// <summary><c>to-trinh</c> → (null, null, to-trinh); <c>p@1.0.0:to-trinh</c> → (p, 1.0.0, to-trinh).</summary>
    public static (string? PackId, string? PackVersion, string TemplateId) SplitKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return (null, null, key);
        var at = key.LastIndexOf('@', colon);
        return at < 0 ? (null, null, key[(colon + 1)..]) : (key[..at], key[(at + 1)..colon], key[(colon + 1)..]);
    }

    public static IReadOnlyList<TemplateErrorView> Errors(IEnumerable<PackError> errors) => errors.Select(e =>
    {
        var match = Position().Match(e.Path);
        return new TemplateErrorView(e.Path, e.Code, e.Message,
            match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
            match.Success ? int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
    }).ToList();

    [GeneratedRegex(@"\((\d+),(\d+)\)$")]
    private static partial Regex Position();
}
