namespace RescueTracker.Features.Contributors;

public static class ContributorsExtensions
{
    /// <summary>The contributor list's read behind the page and its API; a singleton, as it holds no state.</summary>
    public static IServiceCollection AddContributorPages(this IServiceCollection services) =>
        services.AddSingleton<ContributorQuery>();
}
