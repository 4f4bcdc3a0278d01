using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Pledges;

namespace RescueTracker.Tests.Components;

public class PledgeDetailsQueryTests
{
    private static readonly DateTimeOffset Day = new(2026, 4, 24, 0, 0, 0, TimeSpan.Zero);

    internal static TestLedger LedgerWithActivity()
    {
        var ledger = TestLedger.DefiUnited();
        var etherfi = ledger.Pledge("EtherFi Foundation");
        etherfi.GovernanceUrl = "https://gov.example.org/etherfi/42";
        etherfi.Senders.Add(new PledgeSender { Address = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" });
        etherfi.Senders.Add(new PledgeSender { Address = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
        etherfi.History.Add(new PledgeStatusChange
        {
            From = PledgeStatus.Proposed, To = PledgeStatus.Committed, At = Day.AddDays(2), Reason = "DAO vote passed",
            Source = "https://gov.example.org/etherfi/42/result", Actor = "alice",
        });
        etherfi.History.Add(new PledgeStatusChange
        {
            From = null, To = PledgeStatus.Proposed, At = Day, Reason = "Announced", Source = "https://example.org/announcement",
            Actor = "seed",
        });
        etherfi.Status = PledgeStatus.Committed;
        ledger.AddTransfer(etherfi, ledger.Eth, "1000", block: 100);
        ledger.AddTransfer(etherfi, ledger.Eth, "250", confirmed: false, block: 300);
        ledger.AddTransfer(etherfi, ledger.Eth, "500", block: 200, from: "0x3333333333333333333333333333333333333333", byAdmin: true);
        ledger.AddOffchain(etherfi, "100");
        return ledger;
    }

    [Fact]
    public async Task Details_combine_kept_figures_with_ordered_history_senders_transfers_and_off_chain_deliveries()
    {
        var ledger = LedgerWithActivity();
        await using var database = await PledgeDatabase.CreateAsync(ledger);
        var query = database.Services.CreateScope().ServiceProvider.GetRequiredService<PledgeDetailsQuery>();

        var details = await query.GetAsync(ledger.Pledge("EtherFi Foundation").Id, 50, CancellationToken.None);

        Assert.NotNull(details);
        Assert.Equal(ExactDecimal.Parse("1600"), details.Figures.Received);
        Assert.Equal(ExactDecimal.Parse("100"), details.Figures.ReceivedOffchain);
        Assert.Equal([null, PledgeStatus.Proposed], details.History.Select(h => h.From));
        Assert.Equal(["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"], details.Senders);
        Assert.Equal([300L, 200L, 100L], details.Transfers.Select(t => t.BlockNumber));
        Assert.Equal([false, true, true], details.Transfers.Select(t => t.Confirmed));
        Assert.Equal([false, true, false], details.Transfers.Select(t => t.AttributedByAdmin));
        Assert.Equal("Ethereum", details.Transfers[0].ChainName);
        Assert.Equal(ExactDecimal.Parse("250"), details.Transfers[0].Amount);
        Assert.Equal("ETH", details.OffchainDeliveries.Single().Asset);
    }

    [Fact]
    public async Task Unknown_id_gives_null()
    {
        await using var database = await PledgeDatabase.CreateAsync(TestLedger.DefiUnited());
        var query = database.Services.CreateScope().ServiceProvider.GetRequiredService<PledgeDetailsQuery>();

        Assert.Null(await query.GetAsync(9999, 50, CancellationToken.None));
    }

    [Fact]
    public async Task Transfer_of_another_asset_is_listed_but_marked_as_not_counted()
    {
        var ledger = TestLedger.DefiUnited();
        var lido = ledger.Pledge("Lido Finance");
        ledger.AddTransfer(lido, ledger.Eth, "10");
        await using var database = await PledgeDatabase.CreateAsync(ledger);
        var query = database.Services.CreateScope().ServiceProvider.GetRequiredService<PledgeDetailsQuery>();

        var details = await query.GetAsync(lido.Id, 50, CancellationToken.None);

        Assert.False(details!.Transfers.Single().Counted);
        Assert.Equal(ExactDecimal.Zero, details.Figures.Received);
    }
}
