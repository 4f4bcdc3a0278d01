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

    private static ShortfallData? ReadShortfall(JsonFields f, Dictionary<string, SeedAsset> assets)
    {
        var input = LedgerJson.ReadShortfall(f);
        var errors = new FieldErrors();
        var item = ShortfallValidator.Validate(input, symbol => Find(assets, symbol), errors);
        foreach (var (field, message) in errors.All.Where(e => !f.HasError(e.Field))) f.Error(field, message);
        return item;
    }

    private static AssetInfo? Find(Dictionary<string, SeedAsset> assets, string symbol) =>
        assets.TryGetValue(symbol, out var a) ? new AssetInfo(a.Symbol, a.Decimals) : null;

    private static readonly PledgeStatus[] SeedStatuses = [PledgeStatus.Proposed, PledgeStatus.Committed, PledgeStatus.Withdrawn];

    /// <summary>Reads the pledge's fields as text, then applies the same rules as the admin forms and API.</summary>
    private static PledgeData? ReadPledge(JsonFields f, Dictionary<string, SeedAsset> assets)
    {
        var input = LedgerJson.ReadPledge(f);
        var errors = new FieldErrors();
        var pledge = PledgeValidator.Validate(input, symbol => Find(assets, symbol), SeedStatuses, errors);
        foreach (var (field, message) in errors.All.Where(e => !f.HasError(e.Field))) f.Error(field, message);
        return pledge;
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
    private static void CheckSenderAssetPairs(List<(PledgeData Item, string Path)> pledges, List<SeedError> errors)
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
