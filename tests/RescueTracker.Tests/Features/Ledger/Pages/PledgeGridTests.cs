using System.Collections.Concurrent;
using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MudBlazor;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Tests.Features.Ledger.Pages;

public class PledgeGridTests : PledgePageTest
{
    private readonly SqlLog _sql = new();

    public PledgeGridTests() => Intercept(_sql);

    private sealed class SqlLog : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private static List<string> Pledgers(IRenderedComponent<PledgesPage> grid) =>
        grid.FindAll("tbody tr.mud-table-row").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();

    private async Task<IRenderedComponent<PledgesPage>> GridOf40Async()
    {
        for (var i = 1; i <= 31; i++) await EnterAsync($"Paged Pledger {i:00}", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var grid = Render<PledgesPage>();
        grid.WaitForAssertion(() => Assert.Equal(25, Pledgers(grid).Count));
        return grid;
    }

    [Fact]
    public async Task The_grid_shows_one_page_of_25_of_the_40_pledges_counted_and_paged_in_SQL()
    {
        var grid = await GridOf40Async();

        Assert.Contains("1-25 of 40", grid.Find(".mud-table-pagination").TextContent);
        var page = _sql.Commands.Last(c => c.Contains("LIMIT", StringComparison.Ordinal));
        Assert.Contains("ORDER BY", page);
        Assert.Contains("OFFSET", page);
        Assert.Contains(_sql.Commands, c => c.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase));
        // The default order is by pledger, as SQLite compares text: byte by byte, upper case before lower.
        var expected = Database.Figures.Current.Pledges.OrderBy(p => p.Pledger, StringComparer.Ordinal).ThenBy(p => p.Id).Select(p => p.Pledger).Take(25);
        Assert.Equal(expected, Pledgers(grid));
    }

    [Fact]
    public async Task The_next_page_and_a_sort_by_version_are_asked_of_the_database()
    {
        var grid = await GridOf40Async();
        var dataGrid = grid.FindComponent<MudDataGrid<PledgeRow>>();

        await grid.InvokeAsync(() => dataGrid.Instance.NavigateTo(Page.Next));
        grid.WaitForAssertion(() => Assert.Equal(15, Pledgers(grid).Count));
        Assert.Contains("26-40 of 40", grid.Find(".mud-table-pagination").TextContent);
        Assert.Contains(_sql.Commands, c => c.Contains("LIMIT", StringComparison.Ordinal) && c.Contains("OFFSET", StringComparison.Ordinal));

        await grid.InvokeAsync(() => dataGrid.Instance.SetSortAsync(nameof(PledgeRow.Version), SortDirection.Descending, r => r.Version));
        await EditAmountAsync("Paged Pledger 07");
        await grid.InvokeAsync(() => dataGrid.Instance.NavigateTo(Page.First));
        await grid.InvokeAsync(() => dataGrid.Instance.ReloadServerData());

        grid.WaitForAssertion(() => Assert.Equal("Paged Pledger 07", Pledgers(grid)[0]));
        Assert.Equal("2", grid.Find("tbody tr.mud-table-row").QuerySelectorAll("td")[4].TextContent.Trim());
    }

    [Fact]
    public async Task Filtering_by_status_and_name_narrows_the_rows_in_SQL()
    {
        var grid = await GridOf40Async();

        await ChooseAsync(grid, "pledges-filter-status", "committed");
        grid.WaitForAssertion(() => Assert.All(grid.FindAll("tbody tr.mud-table-row"), r => Assert.Equal("committed", r.QuerySelectorAll("td")[2].TextContent.Trim())));
        var committed = Database.Figures.Current.Pledges.Count(p => p.Status == RescueTracker.Data.PledgeStatus.Committed);
        Assert.Equal(committed, Pledgers(grid).Count);

        await ChooseAsync(grid, "pledges-filter-status", "");
        grid.Find("#pledges-filter-pledger").Input("pledger 3");
        await EventuallyAsync(() => Assert.Equal(["Paged Pledger 30", "Paged Pledger 31"], Pledgers(grid)));
        Assert.Contains(_sql.Commands, c => c.Contains("LIKE", StringComparison.Ordinal));
    }

    private async Task EditAmountAsync(string pledger)
    {
        var state = (await Commands.GetAsync((await PledgeAsync(pledger)).Id, CancellationToken.None))!;
        var input = new RescueTracker.Features.Ledger.PledgeInput(state.Pledger, "77", state.Asset, null, state.Terms, state.TermsNote, state.GovernanceUrl,
            state.Source, state.Announced, state.VoteDeadline, state.Senders.Select(s => (string?)s).ToList());
        var result = await Commands.UpdateAsync(state.Id, input, state.Version, null, Editor, CancellationToken.None);
        Assert.Equal(RescueTracker.Features.Ledger.CommandOutcome.Ok, result.Outcome);
    }
}
