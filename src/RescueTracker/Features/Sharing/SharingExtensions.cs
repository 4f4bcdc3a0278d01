namespace RescueTracker.Features.Sharing;

public static class SharingExtensions
{
    /// <summary>What others follow and embed: the feed's read of the ledger, a singleton over the context factory.</summary>
    public static IServiceCollection AddSharing(this IServiceCollection services) => services.AddSingleton<FeedQuery>();
}
