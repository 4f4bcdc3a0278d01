using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>
/// In-memory ledger rows for <see cref="FigureCalculator"/>: amounts are written in token units
/// ("2500", "0.5") and converted with the asset's own decimals, as the seed loader does.
/// </summary>
internal sealed class LedgerBuilder
{
    private int _nextId = 1;
    private readonly List<Asset> _assets = [];
    private readonly List<ShortfallItem> _shortfall = [];
    private readonly List<Pledge> _pledges = [];
    private readonly List<Transfer> _transfers = [];
    private readonly List<OffchainDelivery> _offchain = [];

    public static readonly DateTimeOffset UpdatedAt = new(2026, 4, 25, 10, 30, 0, TimeSpan.Zero);

    public Rescue Rescue { get; } = new()
    {
        Id = 1, Name = "DeFi United", SnapshotDate = new DateOnly(2026, 4, 25), SeededAt = UpdatedAt, UpdatedAt = UpdatedAt,
    };

    public Asset Eth { get; }

    public LedgerBuilder() => Eth = AddAsset("ETH", 18, "1");

    /// <summary>The shipped 2026-04-25 snapshot: 99,600 - 30,700, five pledges, four supporters.</summary>
    public static LedgerBuilder DefiUnited()
    {
        var b = new LedgerBuilder();
        var stEth = b.AddAsset("stETH", 18, "1");
        b.Loss("99600").Recovery("30700");
        b.Pledge("Lido Finance", "2500", stEth, PledgeStatus.Proposed);
        b.Pledge("EtherFi Foundation", "5000", b.Eth, PledgeStatus.Proposed);
        b.Pledge("Stani Kulechov (personal)", "5000", b.Eth, PledgeStatus.Committed);
        b.Pledge("Golem Foundation", "1000", b.Eth, PledgeStatus.Committed);
        b.Pledge("Mantle", "30000", b.Eth, PledgeStatus.Proposed);
        foreach (var name in new[] { "Ethena", "LayerZero", "Ink Foundation", "Tydra" })
            b.Pledge(name, null, null, PledgeStatus.Proposed);
        return b;
    }

    public Asset AddAsset(string symbol, int decimals, string ethRate)
    {
        var asset = new Asset { Id = _nextId++, Symbol = symbol, ChainId = 1, Decimals = decimals, EthRate = ethRate };
        _assets.Add(asset);
        return asset;
    }

    public LedgerBuilder Loss(string eth, string label = "Borrowed against unbacked rsETH") => Shortfall(ShortfallKind.Loss, eth, label);

    public LedgerBuilder Recovery(string eth, string label = "Frozen on Arbitrum") => Shortfall(ShortfallKind.Recovery, eth, label);

    private LedgerBuilder Shortfall(ShortfallKind kind, string eth, string label)
    {
        _shortfall.Add(new ShortfallItem
        {
            Id = _nextId++, Label = label, Kind = kind, Amount = Units(eth, Eth), AssetId = Eth.Id, Asset = Eth,
            Date = new DateOnly(2026, 4, 25), Source = "https://example.org/report",
        });
        return this;
    }

    public Pledge Pledge(string pledger, string? amount, Asset? asset, PledgeStatus status)
    {
        var id = _nextId++;
        var pledge = new Pledge
        {
            Id = id, PledgerId = id, Pledger = new Pledger { Id = id, Name = pledger }, AssetId = asset?.Id, Asset = asset,
            Amount = amount is null ? null : Units(amount, asset!), Status = status, Terms = PledgeTerms.Grant,
            Source = "https://example.org/announcement",
        };
        _pledges.Add(pledge);
        return pledge;
    }

    /// <summary>A transfer into a recovery address; <paramref name="pledge"/> null means unattributed.</summary>
    public LedgerBuilder Transfer(Pledge? pledge, Asset asset, string amount, bool confirmed = true) =>
        TransferBaseUnits(pledge, asset, Units(amount, asset), confirmed);

    public LedgerBuilder TransferBaseUnits(Pledge? pledge, Asset asset, BigInteger baseUnits, bool confirmed = true)
    {
        var id = _nextId++;
        _transfers.Add(new Transfer
        {
            Id = id, ChainId = 1, TxHash = "0x" + id.ToString("x64"), Kind = TransferKind.Native, Position = "",
            BlockNumber = 22_000_000 + id, BlockHash = "0x" + (id + 1000).ToString("x64"),
            From = "0x1111111111111111111111111111111111111111", To = "0x2222222222222222222222222222222222222222",
            AssetId = asset.Id, Asset = asset, Amount = baseUnits, Confirmed = confirmed, PledgeId = pledge?.Id,
        });
        return this;
    }

    public LedgerBuilder Offchain(Pledge pledge, string amount)
    {
        _offchain.Add(new OffchainDelivery
        {
            Id = _nextId++, PledgeId = pledge.Id, Amount = Units(amount, pledge.Asset!), EvidenceUrl = "https://example.org/receipt",
            RecordedAt = UpdatedAt, RecordedBy = "alice",
        });
        return this;
    }

    public RescueFigures Compute() =>
        FigureCalculator.Compute(new LedgerSnapshot(Rescue, _assets, _shortfall, _pledges, _transfers, _offchain));

    public static BigInteger Units(string amount, Asset asset) =>
        ExactDecimal.Parse(amount).ToBaseUnits(asset.Decimals) ?? throw new ArgumentException($"{amount} is finer than {asset.Symbol} allows.");
}
