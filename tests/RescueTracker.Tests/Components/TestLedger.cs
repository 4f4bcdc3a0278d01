using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Tests.Components;

/// <summary>In-memory ledger rows shaped like the shipped seed, for the real figure calculator.</summary>
internal sealed class TestLedger
{
    private int _nextId = 1;

    public Rescue Rescue { get; } = new()
    {
        Id = 1,
        Name = "DeFi United",
        Description = "Aave-led coalition filling the rsETH shortfall.",
        SnapshotDate = new DateOnly(2026, 4, 25),
        UpdatedAt = new DateTimeOffset(2026, 4, 25, 10, 30, 0, TimeSpan.Zero),
    };

    public ChainInfo Ethereum { get; } = new() { ChainId = 1, Name = "Ethereum" };
    public Asset Eth { get; } = new() { Id = 1, Symbol = "ETH", ChainId = 1, Decimals = 18, EthRate = "1" };
    public Asset StEth { get; } = new()
    {
        Id = 2, Symbol = "stETH", ChainId = 1, Decimals = 18, EthRate = "1",
        Contract = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84",
    };

    public List<ShortfallItem> Shortfall { get; } = [];
    public List<Pledge> Pledges { get; } = [];
    public List<Transfer> Transfers { get; } = [];
    public List<OffchainDelivery> Offchain { get; } = [];

    /// <summary>The 2026-04-25 snapshot: 99,600 - 30,700, five pledges and four supporters without an amount.</summary>
    public static TestLedger DefiUnited()
    {
        var ledger = new TestLedger();
        ledger.AddShortfall("ETH withdrawn by borrowing against unbacked rsETH", ShortfallKind.Loss, "99600");
        ledger.AddShortfall("Frozen on Arbitrum by its Security Council", ShortfallKind.Recovery, "30700");
        ledger.AddPledge("Lido Finance", "2500", ledger.StEth, PledgeStatus.Proposed, PledgeTerms.Conditional,
            "Only as part of a fully funded package.");
        ledger.AddPledge("EtherFi Foundation", "5000", ledger.Eth, PledgeStatus.Proposed);
        ledger.AddPledge("Stani Kulechov (personal)", "5000", ledger.Eth, PledgeStatus.Committed);
        ledger.AddPledge("Golem Foundation", "1000", ledger.Eth, PledgeStatus.Committed);
        ledger.AddPledge("Mantle", "30000", ledger.Eth, PledgeStatus.Proposed, PledgeTerms.Loan, "Reported as a loan facility.");
        foreach (var name in new[] { "Ethena", "LayerZero", "Ink Foundation", "Tydra" })
        {
            ledger.AddPledge(name, null, null, PledgeStatus.Proposed, note: "Public support, no amount given.", source: null);
        }
        return ledger;
    }

    public Pledge Pledge(string pledger) => Pledges.Single(p => p.Pledger!.Name == pledger);

    public void AddShortfall(string label, ShortfallKind kind, string amount) =>
        Shortfall.Add(new ShortfallItem
        {
            Id = _nextId++, Label = label, Kind = kind, Amount = Wei(amount), AssetId = Eth.Id, Asset = Eth,
            Date = new DateOnly(2026, 4, 25), Source = "https://example.org/report",
        });

    public Pledge AddPledge(
        string pledger, string? amount, Asset? asset, PledgeStatus status, PledgeTerms terms = PledgeTerms.Grant,
        string? note = null, string? source = "https://example.org/announcement")
    {
        var id = _nextId++;
        var pledge = new Pledge
        {
            Id = id,
            PledgerId = id,
            Pledger = new Pledger { Id = id, Name = pledger },
            AssetId = asset?.Id,
            Asset = asset,
            Amount = amount is null ? null : Wei(amount),
            Status = status,
            Terms = terms,
            TermsNote = note,
            Source = source,
            Announced = new DateOnly(2026, 4, 23),
        };
        Pledges.Add(pledge);
        return pledge;
    }

    public Transfer AddTransfer(Pledge? pledge, Asset asset, string amount, bool confirmed = true, long block = 22_000_000,
        string from = "0x1111111111111111111111111111111111111111", bool byAdmin = false)
    {
        var id = _nextId++;
        var transfer = new Transfer
        {
            Id = id,
            ChainId = 1,
            TxHash = "0x" + id.ToString("x64"),
            Kind = asset.Contract is null ? TransferKind.Native : TransferKind.Erc20,
            Position = asset.Contract is null ? "" : "0",
            BlockNumber = block,
            BlockHash = "0x" + (id + 1000).ToString("x64"),
            From = from,
            To = "0x2222222222222222222222222222222222222222",
            AssetId = asset.Id,
            Asset = asset,
            Amount = Wei(amount),
            Confirmed = confirmed,
            PledgeId = pledge?.Id,
            AttributedByAdmin = byAdmin,
            SeenAt = new DateTimeOffset(2026, 4, 26, 8, 0, 0, TimeSpan.Zero),
        };
        Transfers.Add(transfer);
        return transfer;
    }

    public OffchainDelivery AddOffchain(Pledge pledge, string amount, string evidenceUrl = "https://example.org/receipt") =>
        Add(Offchain, new OffchainDelivery
        {
            Id = _nextId++, PledgeId = pledge.Id, Amount = Wei(amount), EvidenceUrl = evidenceUrl, Note = "Bank wire",
            RecordedAt = new DateTimeOffset(2026, 4, 27, 9, 0, 0, TimeSpan.Zero), RecordedBy = "alice",
        });

    public RescueFigures Compute() =>
        FigureCalculator.Compute(new LedgerSnapshot(Rescue, [Eth, StEth], Shortfall, Pledges, Transfers, Offchain));

    public static System.Numerics.BigInteger Wei(string amount) => ExactDecimal.Parse(amount).ToBaseUnits(18)!.Value;

    private static T Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}
