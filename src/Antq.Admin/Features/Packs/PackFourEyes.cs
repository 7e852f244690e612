using Antq.Admin.Data;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// The four-eyes rule on activation (<c>ANTQ_PACK_FOUR_EYES=true</c>, off by default): a version prepared
/// by an administrator — uploaded, or published from the studio, which uploads — is activated by another
/// province administrator. Who prepared it is read from the audit trail's upload entry, so both people
/// are on record; versions imported by the system at start are not held back.
/// </summary>
public sealed class PackFourEyes(AntqDbContext db, AntqOptions options)
{
    public bool Enabled => options.PackFourEyes;

    /// <summary>The rule as the refusal names it.</summary>
    public const string RuleName = "quy tắc hai người (ANTQ_PACK_FOUR_EYES)";

    /// <summary>Whether the upload of a brand-new pack by <paramref name="uploader"/> may activate its first version at once.</summary>
    public bool MayActivateOnUpload(PackActor uploader) => !Enabled || uploader.Id == PackActor.System.Id;

    /// <summary>The versions of the pack that <paramref name="account"/> prepared and so may not activate (empty when the rule is off).</summary>
    public async Task<IReadOnlySet<string>> HeldForOthersAsync(string packId, Account account, CancellationToken ct)
    {
        if (!Enabled) return new HashSet<string>();
        var uploads = await PackAuditTrail.ForPackAsync(db, PackAuditTrail.Uploaded, packId, ct);
        return uploads.Where(u => u.ActorId == account.UserId).Select(u => u.Text("version")).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Refuses (403) the activation of a version <paramref name="account"/> prepared while the rule is on.</summary>
    public async Task EnsureMayActivateAsync(string packId, string version, Account account, CancellationToken ct)
    {
        if ((await HeldForOthersAsync(packId, account, ct)).Contains(version))
            throw new AccessDeniedException(
                $"Theo {RuleName}, phiên bản {version} do chính anh/chị chuẩn bị (tải lên hoặc công bố từ trang soạn) "
                + "nên phải do một quản trị viên cấp tỉnh khác kích hoạt. Chờ quản trị viên khác kích hoạt.");
    }
}
