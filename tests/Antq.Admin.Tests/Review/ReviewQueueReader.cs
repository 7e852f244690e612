using Antq.Admin.Components;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Review;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Review;

/// <summary>The review queues have no API of their own: read them through the page's service, signed in as a Blazor circuit is.</summary>
internal static class ReviewQueueReader
{
    /// <summary>The due date of the dossier in the reviewer's "Cần xem xét" queue (it must be there).</summary>
    public static Task<DateTimeOffset?> QueueDueAsync(this AntqApiFactory factory, string email, Guid id) =>
        factory.WithServicesAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            services.GetRequiredService<PrincipalHolder>().Principal =
                await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user!);
            var queues = await services.GetRequiredService<ReviewQueues>().LoadAsync(CancellationToken.None);
            Assert.True(queues.Failure is null, queues.Failure?.Detail);
            return queues.Value!.Pending.Single(r => r.Submission.Id == id).DueAt;
        });
}
