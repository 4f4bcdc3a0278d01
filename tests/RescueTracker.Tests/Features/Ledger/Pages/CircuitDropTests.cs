using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// A page whose circuit ends while its save runs: Blazor disposes the page, which cancels the command. Each save is
/// one command in one transaction, so it is either all there or not there at all.
/// </summary>
public class CircuitDropTests : PledgePageTest
{
    private readonly Drop _drop = new();

    public CircuitDropTests() => Intercept(_drop);

    /// <summary>Runs an action once, at a chosen point of the next command (after its first write, or after its commit).</summary>
    private sealed class Drop : DbTransactionInterceptor, ISaveChangesInterceptor
    {
        public Action? AfterFirstWrite { get; set; }
        public Action? AfterCommit { get; set; }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Take(() => AfterFirstWrite, () => AfterFirstWrite = null);
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Take(() => AfterCommit, () => AfterCommit = null);
            return Task.CompletedTask;
        }

        private static void Take(Func<Action?> get, Action clear)
        {
            var action = get();
            clear();
            action?.Invoke();
        }
    }

    [Fact]
    public async Task A_new_pledge_whose_circuit_ends_after_its_first_write_leaves_nothing_behind()
    {
        var snapshot = await SnapshotAsync();
        var figures = Database.Figures.Current;
        var page = Render<NewPledgePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#pledge-pledger")));
        Type(page, "pledge-pledger", "Half Saved DAO");
        Type(page, "pledge-amount", "500");
        Type(page, "pledge-source", "https://news.example/half");
        var dropped = false;
        _drop.AfterFirstWrite = () => { page.Instance.Dispose(); dropped = true; };

        Click(page, "Enter the pledge");

        page.WaitForAssertion(() => Assert.True(dropped));
        (await SnapshotAsync()).AssertSameAs(snapshot);
        Assert.Same(figures, Database.Figures.Current);
        Assert.Empty(Snackbars);
        Assert.Equal("http://localhost/", Navigation.Uri);
        AssertNothingLogged();
    }

    [Fact]
    public async Task A_status_change_whose_circuit_ends_right_after_the_commit_is_kept_and_reaches_the_figures()
    {
        var id = await EnterAsync("Committed Then Gone DAO", "400");
        var before = Database.Figures.Current;
        var page = Render<PledgeStatusPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#status-reason")));
        await ChooseAsync(page, "status-status", "committed");
        Type(page, "status-reason", "Vote passed.");
        Type(page, "status-source", "https://vote.example/gone");
        var dropped = false;
        // A circuit's end disposes every component; the form inside the page holds the token the command runs with.
        var form = page.FindComponent<StatusChangeForm>();
        _drop.AfterCommit = () => { form.Instance.Dispose(); page.Instance.Dispose(); dropped = true; };

        Click(page, "Change the status");

        page.WaitForAssertion(() => Assert.True(dropped));
        page.WaitForAssertion(() => Assert.NotSame(before, Database.Figures.Current));
        var after = Database.Figures.Current;
        Assert.Equal((PledgeStatus.Committed, 2), ((await PledgeAsync("Committed Then Gone DAO")).Status, (await PledgeAsync("Committed Then Gone DAO")).Version));
        var four = ExactDecimal.Parse("400");
        Assert.Equal((before.OutstandingCommittedEth + four, before.OutstandingProposedEth - four),
            (after.OutstandingCommittedEth, after.OutstandingProposedEth));
        AssertNothingLogged();
    }
}
