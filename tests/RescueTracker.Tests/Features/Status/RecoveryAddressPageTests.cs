using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Status;

/// <summary>The recovery addresses on /status: an honest empty state on the shipped seed, then each address in full, per chain.</summary>
public sealed class RecoveryAddressPageTests : IAsyncLifetime
{
    private const string Safe = "0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe";
    private const string Wallet = "0x1111111111111111111111111111111111111111";

    private readonly TestApp _app = new(new WatchedChains().Options);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IDocument> StatusAsync() =>
        new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync("/status"));

    [Fact]
    public async Task Shipped_seed_says_no_recovery_address_is_known_and_why_nothing_is_counted()
    {
        var page = await StatusAsync();

        var section = page.QuerySelector("section[aria-labelledby=recovery-addresses]")!;
        Assert.StartsWith("No recovery address is known yet. The public reports name a recovery wallet (defiunited.eth) but give no complete address",
            section.QuerySelector(".recovery-empty")!.Text());
        Assert.Equal(["None known yet.", "None known yet."], section.QuerySelectorAll(".recovery-chain .none").Select(e => e.Text()));
        Assert.Empty(section.QuerySelectorAll("code.address"));
    }

    [Fact]
    public async Task Each_address_is_listed_in_full_under_its_chain_and_linked_to_the_explorer_where_one_is_configured()
    {
        await _app.WriteAsync(db =>
        {
            db.RecoveryAddresses.Add(new RecoveryAddress { ChainId = 1, Address = Wallet });
            db.RecoveryAddresses.Add(new RecoveryAddress { ChainId = 42161, Address = Safe });
            return Task.CompletedTask;
        });

        var page = await StatusAsync();

        Assert.Null(page.QuerySelector(".recovery-empty"));
        var ethereum = page.GetElementById("recovery-chain-1")!;
        Assert.Equal("Ethereum (id 1)", ethereum.QuerySelector("h3")!.Text());
        Assert.Equal([Wallet], ethereum.QuerySelectorAll("code.address").Select(c => c.Text()));
        Assert.Equal($"https://etherscan.io/address/{Wallet}", ethereum.QuerySelector("a")!.GetAttribute("href"));
        var arbitrum = page.GetElementById("recovery-chain-42161")!;
        Assert.Equal([Safe], arbitrum.QuerySelectorAll("code.address").Select(c => c.Text()));
        Assert.Null(arbitrum.QuerySelector("a"));
    }
}
