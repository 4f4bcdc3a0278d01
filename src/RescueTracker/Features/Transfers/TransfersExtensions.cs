namespace RescueTracker.Features.Transfers;

public static class TransfersExtensions
{
    /// <summary>The transfer list's read behind the page and its API; a singleton, as it holds no state.</summary>
    public static IServiceCollection AddTransferPages(this IServiceCollection services) =>
        services.AddSingleton<TransferQuery>();
}
