namespace Antq.Admin.Data.Entities;

/// <summary>The states of a registration: the unit drafts it, sends it, the reviewing level accepts or refuses it.</summary>
public static class RegistrationStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    /// <summary>Refused with a reason; the unit may correct it and send it again.</summary>
    public const string Refused = "refused";
}

/// <summary>
/// A unit's registration for a year and pack (TT124 Điều 9 khoản 2 điểm a: "Bản đăng ký phấn đấu", with the party
/// committee's resolution and the unit's plan), sent in Quý I to the first unit of its review route, which accepts
/// or refuses it. One per (unit, pack, year).
/// </summary>
public sealed class RegistrationRecord
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string PackId { get; set; }
    public int Year { get; set; }
    public string Status { get; set; } = RegistrationStatus.Draft;

    /// <summary>Raised by each send and each decision: a notification is per revision, a retried step finds the state moved on.</summary>
    public int Revision { get; set; }

    /// <summary>The unit's commitment (the form's "cam kết").</summary>
    public string Commitment { get; set; } = "";

    /// <summary>The movement's classification of last year as the unit states it (<see cref="Features.Registration.MovementClass"/> ids).</summary>
    public string DeclaredClass { get; set; } = "";

    /// <summary>The targets the unit sets itself for the year.</summary>
    public string Targets { get; set; } = "";

    /// <summary>Who signs the registration for the unit (the head, e.g. "Chủ tịch UBND xã").</summary>
    public string SignerName { get; set; } = "";

    /// <summary>The unit the registration goes to (first unit of its review route), fixed when it is sent.</summary>
    public int? ReviewingUnitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? RefusalReason { get; set; }
}
