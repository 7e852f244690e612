using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// The verify address printed in documents: <c>ANTQ_PUBLIC_URL</c> (required in Production, see
/// <see cref="AntqOptions.From"/>), else — in Development and tests — the server's own listening
/// address. Never the request's <c>Host</c> header: a document is an official record, and a
/// client-chosen host would put an attacker's address into it.
/// </summary>
public sealed class DocumentLinks(AntqOptions options, IServer server)
{
    public string Verify(string code) => $"{Origin}/verify/{code}";

    public string Origin => options.PublicUrl ?? ListeningOrigin(server);

    /// <summary>The first address the server listens on (wildcard hosts shown as localhost), else http://localhost.</summary>
    public static string ListeningOrigin(IServer? server)
    {
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null) return "http://localhost";
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
            if (address.Contains(wildcard, StringComparison.Ordinal))
                address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return address.TrimEnd('/');
    }
}
