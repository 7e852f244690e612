namespace Antq.Admin.Features.Forms;

/// <summary>Registration and routes of the generated forms and their evidence files.</summary>
public static class FormsFeature
{
    public static void AddFormsFeature(this IServiceCollection services)
    {
        services.AddScoped<EvidenceStore>();
    }
}
