using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Seed;

// The per-section readers: each returns null when a field it needs is unusable (the error is recorded).
public static partial class SeedReader
{
    private static SeedRescue? ReadRescue(JsonFields f)
    {
        var name = f.String("name");
        var asOf = f.Date("asOf");
        var description = f.String("description", nullable: true);
        Check(f, "name", LedgerRules.CheckName(name));
        Check(f, "description", LedgerRules.CheckNote(description, "description"));
        f.RejectUnknownFields();
        return name is null || asOf is null ? null : new SeedRescue(name, asOf.Value, description);
    }

    private static SeedChain? ReadChain(JsonFields f)
    {
        var chainId = f.Integer("chainId");
        var name = f.String("name");
        var addresses = Addresses(f, "recoveryAddresses");
        if (chainId is <= 0) f.Error("chainId", "The chain id must be a positive whole number.");
        Check(f, "name", LedgerRules.CheckName(name));
        return chainId is > 0 && name is not null && addresses is not null ? new SeedChain(chainId.Value, name, addresses) : null;
    }

    private static SeedAsset? ReadAsset(JsonFields f, HashSet<long> chainIds)
    {
        var symbol = f.String("symbol");
        var chainId = f.Integer("chainId");
        var contractText = f.String("contract", nullable: true);
        var decimals = f.Integer("decimals");
        var rate = f.String("ethRate");
        Check(f, "symbol", LedgerRules.CheckSymbol(symbol));
        if (chainId is { } id && !chainIds.Contains(id)) f.Error("chainId", $"Chain {id} is not listed under $.chains.");
        string? contract = null;
        if (contractText is not null) Check(f, "contract", LedgerRules.CheckAddress(contractText, out contract!));
        if (decimals is < 0 or > LedgerRules.MaxDecimals) f.Error("decimals", $"Decimals must be between 0 and {LedgerRules.MaxDecimals}.");
        Check(f, "ethRate", LedgerRules.CheckRate(rate, out var parsedRate));
        return symbol is null || chainId is null || decimals is null or < 0 or > LedgerRules.MaxDecimals || rate is null
            ? null
            : new SeedAsset(symbol, chainId.Value, contract, (int)decimals.Value, parsedRate.ToString());
    }

    private static SeedShortfallItem? ReadShortfall(JsonFields f, Dictionary<string, SeedAsset> assets)
    {
        var label = f.String("label");
        var kindText = f.String("kind");
        var amountText = f.String("amount");
        var asset = KnownAsset(f, assets, nullable: false);
        var date = f.Date("date");
        var source = f.String("source");
        Check(f, "label", LedgerRules.CheckName(label, "label"));
        if (kindText is not null && !EnumText.TryParse<ShortfallKind>(kindText, out _))
            f.Error("kind", $"'{kindText}' is not a kind; use loss or recovery.");
        EnumText.TryParse<ShortfallKind>(kindText, out var kind);
        var amount = asset is null ? null : Amount(f, amountText, asset);
        Check(f, "source", LedgerRules.CheckUrl(source, "source"));
        return label is null || amount is null || date is null || source is null || asset is null
            ? null
            : new SeedShortfallItem(label, kind, amount.Value, asset.Symbol, date.Value, source);
    }

    private static SeedPledge? ReadPledge(JsonFields f, Dictionary<string, SeedAsset> assets)
    {
        var pledger = f.String("pledger");
        var amountText = f.String("amount", nullable: true);
        var asset = KnownAsset(f, assets, nullable: amountText is null);
        var statusText = f.String("status");
        var termsText = f.String("terms");
        var termsNote = f.String("termsNote", nullable: true);
        var governanceUrl = f.String("governanceUrl", nullable: true);
        var source = f.String("source", nullable: true);
        var announced = f.Date("announced", nullable: true);
        var senders = Addresses(f, "senders");

        Check(f, "pledger", LedgerRules.CheckName(pledger, "pledger"));
        var amount = amountText is not null && asset is not null ? Amount(f, amountText, asset) : null;
        if (statusText is not null && !EnumText.TryParse<PledgeStatus>(statusText, out _))
            f.Error("status", $"'{statusText}' is not a status; use proposed, committed or withdrawn.");
        EnumText.TryParse<PledgeStatus>(statusText, out var status);
        if (status == PledgeStatus.Delivered)
            f.Error("status", "A pledge is never seeded as delivered: it becomes delivered only through received transfers.");
        if (termsText is not null && !EnumText.TryParse<PledgeTerms>(termsText, out _))
            f.Error("terms", $"'{termsText}' is not a kind of terms; use grant, loan or conditional.");
        EnumText.TryParse<PledgeTerms>(termsText, out var terms);
        Check(f, "termsNote", LedgerRules.CheckNote(termsNote, "terms note"));
        if (governanceUrl is not null) Check(f, "governanceUrl", LedgerRules.CheckUrl(governanceUrl, "governance URL"));
        if (source is not null) Check(f, "source", LedgerRules.CheckUrl(source, "source"));
        if (status == PledgeStatus.Committed && governanceUrl is null && source is null)
            f.Error("status", "A committed pledge needs its evidence: a governanceUrl or a source.");

        return pledger is null || statusText is null || termsText is null || senders is null || (amountText is not null && amount is null)
            ? null
            : new SeedPledge(pledger, amount, asset?.Symbol, status, terms, termsNote, governanceUrl, source, announced, senders);
    }

    private static SeedAsset? KnownAsset(JsonFields f, Dictionary<string, SeedAsset> assets, bool nullable)
    {
        var symbol = f.String("asset", nullable);
        if (symbol is null) return null;
        if (assets.TryGetValue(symbol, out var asset)) return asset;
        f.Error("asset", $"Unknown asset '{symbol}'; it must be one of the symbols under $.assets.");
        return null;
    }

    private static BigInteger? Amount(JsonFields f, string? text, SeedAsset asset)
    {
        if (text is null) return null;
        if (LedgerRules.CheckAmount(text, asset.Decimals, asset.Symbol, out var baseUnits) is { } error)
        {
            f.Error("amount", error);
            return null;
        }
        return baseUnits;
    }

    private static List<string>? Addresses(JsonFields f, string name)
    {
        if (f.Array(name) is not { } items) return null;
        var result = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].ValueKind == System.Text.Json.JsonValueKind.String ? items[i].GetString() : null;
            if (text is null)
            {
                f.Error($"{name}[{i}]", $"Expected an address string, found {JsonFields.Describe(items[i])}.");
                continue;
            }
            if (LedgerRules.CheckAddress(text, out var lower) is { } error) f.Error($"{name}[{i}]", error);
            else if (result.Contains(lower)) f.Error($"{name}[{i}]", $"Address {lower} is listed twice.");
            else result.Add(lower);
        }
        return result;
    }

    /// <summary>A (sender, asset) pair belongs to at most one pledge that is not withdrawn.</summary>
    private static void CheckSenderAssetPairs(List<(SeedPledge Item, string Path)> pledges, List<SeedError> errors)
    {
        var owners = new Dictionary<(string, string), int>();
        for (var i = 0; i < pledges.Count; i++)
        {
            var (pledge, path) = pledges[i];
            if (pledge.Status == PledgeStatus.Withdrawn || pledge.Asset is null) continue;
            for (var s = 0; s < pledge.Senders.Count; s++)
            {
                if (!owners.TryAdd((pledge.Senders[s], pledge.Asset), i))
                    errors.Add(new SeedError($"{path}.senders[{s}]",
                        $"Sender {pledge.Senders[s]} already pays {pledge.Asset} for {pledges[owners[(pledge.Senders[s], pledge.Asset)]].Path}; a sender and asset belong to one open pledge."));
            }
        }
    }

    private static void Check(JsonFields f, string field, string? error)
    {
        if (error is not null) f.Error(field, error);
    }
}
