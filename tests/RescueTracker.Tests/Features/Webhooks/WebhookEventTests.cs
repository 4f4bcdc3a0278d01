using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>
/// Which events a subscription is sent: those the feed first shows after its registration, judged by when they were
/// recorded rather than by the time the ledger row carries; a row stored again under the same entry id is no new event.
/// </summary>
public class WebhookEventTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Fact]
    public async Task A_transfer_read_before_registration_but_confirmed_after_it_is_sent_once_and_storing_it_again_sends_nothing()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Hooks.App(clock, loop: false);
        var etherFi = await app.PledgeIdAsync("EtherFi Foundation");
        var txHash = "0x" + new string('e', 64);
        await app.WriteAsync(async db => db.Transfers.Add(Transfer(txHash, await db.Assets.Where(a => a.Symbol == "ETH").Select(a => a.Id).SingleAsync(),
            etherFi, confirmed: false, seen: clock.Now)));
        clock.Advance(TimeSpan.FromMinutes(1));
        await app.RegisterAsync(receiver.Url);
        var dispatcher = app.Services.GetRequiredService<WebhookDispatcher>();

        clock.Advance(TimeSpan.FromMinutes(3));
        await app.WriteAsync(async db => (await db.Transfers.SingleAsync(t => t.TxHash == txHash)).Confirmed = true);
        await dispatcher.RunOnceAsync(CancellationToken.None);

        var hook = Assert.Single(receiver.Received);
        using (var json = JsonDocument.Parse(hook.Body))
        {
            Assert.Equal($"urn:rescuetracker:transfer:1:{txHash}:native:", json.RootElement.GetProperty("id").GetString());
            Assert.Equal(("transferReceived", etherFi), (json.RootElement.GetProperty("type").GetString(), json.RootElement.GetProperty("pledgeId").GetInt32()));
            // The feed's time for it is when it was first read, before the registration.
            Assert.Equal("2026-05-01T09:00:00Z", json.RootElement.GetProperty("at").GetString());
            Assert.StartsWith("1 ETH arrived from", json.RootElement.GetProperty("summary").GetString());
        }

        // A reorganisation drops the transfer and it is stored again in a new row: the same entry id, no new event.
        await app.WriteAsync(async db => db.Transfers.Remove(await db.Transfers.SingleAsync(t => t.TxHash == txHash)));
        await app.WriteAsync(async db => db.Transfers.Add(Transfer(txHash, await db.Assets.Where(a => a.Symbol == "ETH").Select(a => a.Id).SingleAsync(),
            etherFi, confirmed: true, seen: clock.Now)));
        clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Single(receiver.Received);
        await using var check = app.Db();
        Assert.Equal(1, await check.WebhookEvents.CountAsync(e => e.EntryId.StartsWith("urn:rescuetracker:transfer:")));
    }

    private static Transfer Transfer(string txHash, int assetId, int pledgeId, bool confirmed, DateTimeOffset seen) => new()
    {
        ChainId = 1, TxHash = txHash, Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_000, BlockHash = "0x" + new string('b', 64),
        From = "0x" + new string('1', 40), To = "0x" + new string('2', 40), AssetId = assetId, Amount = Ether, Confirmed = confirmed,
        PledgeId = pledgeId, SeenAt = seen,
    };
}
