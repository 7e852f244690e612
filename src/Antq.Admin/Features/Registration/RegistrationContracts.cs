namespace Antq.Admin.Features.Registration;

/// <summary>Creates the unit's registration (a retry with the same id returns it) or saves its draft; <c>declaredClass</c> is a <see cref="MovementClass"/> id.</summary>
public sealed record SaveRegistrationRequest(string PackId, int Year, string? Commitment, string? DeclaredClass, string? Targets, string? SignerName);

/// <summary>The reviewing level's refusal: the reason is required and told to the unit.</summary>
public sealed record RefuseRegistrationRequest(string? Reason);

/// <summary>
/// Whether the unit meets the Khá-or-better condition: from what it declares and, when the system holds the outcome
/// of its dossier of last year, from that record — which then decides (<see cref="Basis"/> says which did).
/// </summary>
public sealed record EligibilityView(string DeclaredClass, string DeclaredClassName, string? RecordedOutcome, bool Eligible, string Basis, string Text);

public sealed record RegistrationView(
    Guid Id, int UnitId, string UnitName, string PackId, string PackTitle, int Year, string Status, string StatusText, int Revision,
    string Commitment, string DeclaredClass, string Targets, string SignerName,
    int? ReviewingUnitId, string? ReviewingUnitName, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? RefusalReason,
    EligibilityView Eligibility, IReadOnlyList<RegistrationFileView> Files, bool CanEdit, bool CanDecide);

/// <summary>
/// A file of the registration dossier: <c>kind</c> is a <see cref="RegistrationFileKind"/> id, <c>kindLabel</c> its name,
/// <c>uploadedOn</c> the day it was uploaded (dd/MM/yyyy, Vietnam time), <c>url</c> where those who see the registration download it.
/// </summary>
public sealed record RegistrationFileView(string Kind, string KindLabel, string Name, long Size, DateTimeOffset UploadedAt, string UploadedOn, string Url);
