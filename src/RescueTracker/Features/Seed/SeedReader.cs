using System.Numerics;
using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Seed;

/// <summary>
/// Parses and validates a seed file against the documented format, reporting every problem with its
/// JSON path. Either the whole file is valid or <see cref="SeedFileException"/> is thrown.
/// </summary>
public static partial class SeedReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public static SeedData Read(string file)
    {
        string json;
        try
        {
            json = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SeedFileException(file, [new SeedError("$", $"The file cannot be read: {e.Message}")]);
        }
        return Parse(file, json);
    }

    public static SeedData Parse(string file, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new SeedFileException(file, [new SeedError("$", $"Not valid JSON{where}: {e.Message}")]);
        }

        using (document)
        {
            var errors = new List<SeedError>();
            var data = ReadRoot(document.RootElement, errors);
            if (errors.Count > 0 || data is null) throw new SeedFileException(file, errors);
            return data;
        }
    }

    private static SeedData? ReadRoot(JsonElement element, List<SeedError> errors)
    {
        if (JsonFields.Open(element, "$", errors) is not { } root) return null;

        var rescue = root.Object("rescue") is { } r ? ReadRescue(r) : null;
        var chains = Items(root, "chains", errors, ReadChain);
        var chainIds = new HashSet<long>();
        foreach (var (chain, path) in chains)
        {
            if (!chainIds.Add(chain.ChainId)) errors.Add(new SeedError($"{path}.chainId", $"Chain {chain.ChainId} is listed twice."));
        }

        var assets = Items(root, "assets", errors, (f) => ReadAsset(f, chainIds));
        var assetsBySymbol = new Dictionary<string, SeedAsset>(StringComparer.Ordinal);
        var contracts = new HashSet<(long, string?)>();
        foreach (var (asset, path) in assets)
        {
            if (!assetsBySymbol.TryAdd(asset.Symbol, asset))
                errors.Add(new SeedError($"{path}.symbol", $"Asset symbol '{asset.Symbol}' is listed twice; symbols are unique."));
            else if (!contracts.Add((asset.ChainId, asset.Contract)))
                errors.Add(new SeedError($"{path}.contract", $"Another asset already names this {(asset.Contract is null ? "native coin" : "contract")} on chain {asset.ChainId}."));
        }

        var shortfall = Items(root, "shortfall", errors, f => ReadShortfall(f, assetsBySymbol));
        var pledges = Items(root, "pledges", errors, f => ReadPledge(f, assetsBySymbol));
        CheckSenderAssetPairs(pledges, errors);
        root.RejectUnknownFields();

        return rescue is null
            ? null
            : new SeedData(rescue, Values(chains), Values(assets), Values(shortfall), Values(pledges));
    }

    private static List<(T Item, string Path)> Items<T>(JsonFields parent, string name, List<SeedError> errors, Func<JsonFields, T?> read)
        where T : class
    {
        var result = new List<(T, string)>();
        if (parent.Array(name) is not { } items) return result;
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{parent.At(name)}[{i}]";
            if (JsonFields.Open(items[i], path, errors) is not { } fields) continue;
            var item = read(fields);
            fields.RejectUnknownFields();
            if (item is not null) result.Add((item, path));
        }
        return result;
    }

    private static IReadOnlyList<T> Values<T>(List<(T Item, string Path)> items) => items.Select(i => i.Item).ToList();
}
