using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Documents;

/// <summary>The verify address printed in documents: <c>ANTQ_PUBLIC_URL</c>, else the issuing request's own address.</summary>
public sealed class DocumentLinks(AntqOptions options, IHttpContextAccessor http)
{
    public string Verify(string code)
    {
        var request = http.HttpContext?.Request;
        var origin = options.PublicUrl ?? (request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}");
        return $"{origin}/verify/{code}";
    }
}
