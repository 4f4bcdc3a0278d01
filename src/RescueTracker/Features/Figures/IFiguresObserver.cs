namespace RescueTracker.Features.Figures;

/// <summary>
/// Told after every refresh of the figures, inside the refresh lock, so whatever was built from the
/// state before it (cached pages and answers) can be dropped in the same order the writes happened.
/// </summary>
public interface IFiguresObserver
{
    ValueTask FiguresRefreshedAsync();
}
