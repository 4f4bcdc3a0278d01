namespace RescueTracker.Features.Feed;

public static class FeedExtensions
{
    /// <summary>The feed's read of the ledger; a singleton over the context factory.</summary>
    public static IServiceCollection AddFeed(this IServiceCollection services) => services.AddSingleton<FeedQuery>();
}
