namespace Antq.Admin.Features.Forms;

/// <summary>Registration and routes of the generated forms and their evidence files.</summary>
public static class FormsFeature
{
    public static IServiceCollection AddFormsFeature(this IServiceCollection services)
    {
        services.AddScoped<EvidenceStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapFormsFeature(this IEndpointRouteBuilder app)
    {
        app.MapEvidenceFiles();
        return app;
    }
}
