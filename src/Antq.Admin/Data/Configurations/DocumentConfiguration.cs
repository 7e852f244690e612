using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Antq.Admin.Data.Configurations;

public sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.Property(d => d.DocumentId).HasMaxLength(64);
        b.Property(d => d.Title).HasMaxLength(300);
        b.Property(d => d.Kind).HasMaxLength(16);
        b.Property(d => d.Number).HasMaxLength(64);
        b.Property(d => d.Place).HasMaxLength(200);
        b.Property(d => d.VerificationCode).HasMaxLength(32);
        b.Property(d => d.PackId).HasMaxLength(100);
        b.Property(d => d.PackVersion).HasMaxLength(64);
        b.Property(d => d.PackHash).HasMaxLength(64);
        b.Property(d => d.TemplateKey).HasMaxLength(200);
        b.Property(d => d.TemplateHash).HasMaxLength(64);
        b.Property(d => d.HtmlSha256).HasMaxLength(64);
        b.Property(d => d.DocxSha256).HasMaxLength(64);
        b.Property(d => d.IssuedById).HasMaxLength(450);
        b.Property(d => d.IssuedByName).HasMaxLength(256);
        b.Property(d => d.Reason).HasMaxLength(32);
        b.Property(d => d.Note).HasMaxLength(1000);
        b.Property(d => d.Signer).HasMaxLength(300);
        b.Property(d => d.Recipients).HasMaxLength(2000);
        b.Ignore(d => d.AwaitingNumber);
        b.HasIndex(d => new { d.SubmissionId, d.DocumentId, d.Version }).IsUnique();
        // The backstop of the counter: no two issued documents share a registry number (a re-issue takes a new one).
        b.HasIndex(d => new { d.IssuerUnitId, d.RegistryYear, d.Kind, d.Sequence }).IsUnique();
        b.HasIndex(d => new { d.IssuerUnitId, d.RegistryYear, d.Number });
        b.HasIndex(d => d.VerificationCode).IsUnique();
        b.HasOne<SubmissionRecord>().WithMany().HasForeignKey(d => d.SubmissionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IssuedDocumentSubjectConfiguration : IEntityTypeConfiguration<IssuedDocumentSubject>
{
    public void Configure(EntityTypeBuilder<IssuedDocumentSubject> b)
    {
        b.HasKey(s => new { s.IssuedDocumentId, s.SubmissionId });
        b.HasIndex(s => s.SubmissionId);
        b.HasOne<IssuedDocument>().WithMany().HasForeignKey(s => s.IssuedDocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SubmissionRecord>().WithMany().HasForeignKey(s => s.SubmissionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NumberingSettingConfiguration : IEntityTypeConfiguration<NumberingSetting>
{
    public void Configure(EntityTypeBuilder<NumberingSetting> b)
    {
        b.HasKey(s => s.UnitId);
        b.Property(s => s.Mode).HasMaxLength(16);
        b.Property(s => s.UpdatedById).HasMaxLength(450);
        b.Property(s => s.UpdatedByName).HasMaxLength(256);
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> b)
    {
        b.HasKey(c => new { c.IssuerUnitId, c.Year, c.Kind });
        b.Property(c => c.Kind).HasMaxLength(16);
    }
}

public sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersionRecord>
{
    public void Configure(EntityTypeBuilder<TemplateVersionRecord> b)
    {
        b.Property(t => t.Key).HasMaxLength(200);
        b.Property(t => t.Sha256).HasMaxLength(64);
        b.Property(t => t.Note).HasMaxLength(500);
        b.Property(t => t.CreatedById).HasMaxLength(450);
        b.Property(t => t.CreatedByName).HasMaxLength(256);
        b.HasIndex(t => new { t.Key, t.Version }).IsUnique();
    }
}

public sealed class MeetingConfiguration : IEntityTypeConfiguration<MeetingRecord>
{
    public void Configure(EntityTypeBuilder<MeetingRecord> b)
    {
        b.Property(m => m.Place).HasMaxLength(300);
        b.Property(m => m.ChairName).HasMaxLength(200);
        b.Property(m => m.ChairTitle).HasMaxLength(300);
        b.Property(m => m.SecretaryName).HasMaxLength(200);
        b.Property(m => m.SecretaryTitle).HasMaxLength(300);
        b.Property(m => m.Conclusion).HasMaxLength(4000);
        b.Property(m => m.RecordedById).HasMaxLength(450);
        b.Property(m => m.RecordedByName).HasMaxLength(256);
        b.HasIndex(m => m.SubmissionId);
        b.HasOne<SubmissionRecord>().WithMany().HasForeignKey(m => m.SubmissionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AppraisalConfiguration : IEntityTypeConfiguration<AppraisalRecord>
{
    public void Configure(EntityTypeBuilder<AppraisalRecord> b)
    {
        b.Property(a => a.AppraiserName).HasMaxLength(200);
        b.Property(a => a.AppraiserTitle).HasMaxLength(300);
        b.Property(a => a.Conclusion).HasMaxLength(4000);
        b.Property(a => a.RecordedById).HasMaxLength(450);
        b.Property(a => a.RecordedByName).HasMaxLength(256);
        b.HasIndex(a => a.SubmissionId);
        b.HasOne<SubmissionRecord>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Restrict);
    }
}
