namespace RescueTracker.Features.History;

public static class HistoryExtensions
{
    /// <summary>The figures' history: its recorder (called by every refresh) and its read; singletons over the context factory.</summary>
    public static IServiceCollection AddFigureHistory(this IServiceCollection services) =>
        services.AddSingleton<FigureHistory>().AddSingleton<FigureHistoryQuery>();
}
