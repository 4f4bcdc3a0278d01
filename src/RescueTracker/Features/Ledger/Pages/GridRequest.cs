using MudBlazor;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>What a server-side grid asks for: one page, sorted by one column. The queries turn it into SQL.</summary>
public sealed record GridRequest(int Page, int PageSize, string? SortBy, bool Descending)
{
    public int Skip => Math.Max(Page, 0) * PageSize;

    public static GridRequest From<T>(GridState<T> state) =>
        state.SortDefinitions.FirstOrDefault() is { } sort
            ? new(state.Page, state.PageSize, sort.SortBy, sort.Descending)
            : new(state.Page, state.PageSize, null, false);
}

/// <summary>One page of rows and how many match in all.</summary>
public sealed record GridPage<T>(IReadOnlyList<T> Items, int Total)
{
    public GridData<T> ToGridData() => new() { Items = Items, TotalItems = Total };
}
