using Antq.Admin.Features.Forms;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Registration;

/// <summary>Registrations (Bản đăng ký phấn đấu): the unit drafts and sends, its reviewing level accepts or refuses. Handlers only bind and map.</summary>
public static class RegistrationApi
{
    /// <summary>A file at the store's limit plus the multipart framing; beyond it the request is not read at all.</summary>
    private static readonly long UploadRequestLimit = EvidenceStore.DefaultRules.MaxBytes + 64 * 1024;

    public static void MapRegistrationRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/registrations").WithTags("Registrations").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", async Task<Ok<List<RegistrationView>>> ([FromQuery] int year, [FromQuery] bool? pending, RegistrationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(year, pending ?? false, ct)))
            .WithName("ListRegistrations").WithSummary("The registrations of a year in the caller's scope; `pending=true`: those waiting for the caller's unit to decide.");

        group.MapGet("/{id:guid}", async Task<Ok<RegistrationView>> (Guid id, RegistrationQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.GetAsync(id, ct)))
            .WithName("GetRegistration").WithSummary("One registration with its Khá-or-better check (declared and recorded).");

        group.MapPut("/{id:guid}", async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> (Guid id, SaveRegistrationRequest request, RegistrationSteps steps, CancellationToken ct) =>
                (await steps.SaveAsync(id, request, ct)).ToHttp())
            .WithName("PutRegistration").WithSummary("Create the unit's registration with a client id, or save its draft (also after a refusal).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/submit", async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> (Guid id, RegistrationSteps steps, CancellationToken ct) =>
                (await steps.SubmitAsync(id, ct)).ToHttp())
            .WithName("SubmitRegistration").WithSummary("The unit sends its registration to the first unit of its review route.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/accept", async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> (Guid id, RegistrationSteps steps, CancellationToken ct) =>
                (await steps.AcceptAsync(id, ct)).ToHttp())
            .WithName("AcceptRegistration").WithSummary("The reviewing level accepts the registration.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/refuse", async Task<Results<Ok<RegistrationView>, ProblemHttpResult>> (Guid id, RefuseRegistrationRequest request, RegistrationSteps steps, CancellationToken ct) =>
                (await steps.RefuseAsync(id, request, ct)).ToHttp())
            .WithName("RefuseRegistration").WithSummary("The reviewing level refuses the registration with a reason.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The dossier's files (nghị quyết, kế hoạch): {kind} is a RegistrationFileKind id.
        group.MapPost("/{id:guid}/files/{kind}", async Task<Results<Ok<RegistrationFileView>, ProblemHttpResult>> (Guid id, string kind, IFormFile? file, RegistrationFiles files, CancellationToken ct) =>
            {
                if (file is null) return Problems.BadRequest("Cần chọn tệp để tải lên (trường «file» của biểu mẫu multipart).");
                await using var content = file.OpenReadStream();
                return (await files.UploadAsync(id, kind, file.FileName, content, ct)).ToHttp();
            })
            .WithName("UploadRegistrationFile").WithSummary("The unit attaches (or replaces) the resolution or the security plan of its editable registration (multipart, field 'file').")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            // As the pack upload: bearer callers carry no antiforgery token, cookie callers are held by the cross-origin guard on /api. The size limit is explicit.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadRequestLimit))
            .WithFormOptions(multipartBodyLengthLimit: UploadRequestLimit);

        group.MapDelete("/{id:guid}/files/{kind}", async Task<Results<Ok<List<RegistrationFileView>>, ProblemHttpResult>> (Guid id, string kind, RegistrationFiles files, CancellationToken ct) =>
                (await files.RemoveAsync(id, kind, ct)).ToHttp())
            .WithName("DeleteRegistrationFile").WithSummary("The unit removes a file of its editable registration; answers the files left.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}/files/{kind}", async Task<PhysicalFileHttpResult> (Guid id, string kind, RegistrationFiles files, HttpContext http, CancellationToken ct) =>
            {
                var (file, name) = await files.OpenAsync(id, kind, ct);
                return EvidenceFilesApi.Send(http, file, downloadName: name);
            })
            .WithName("GetRegistrationFile").WithSummary("Download a file of a registration the caller may see, under the name it was uploaded with.");
    }
}
