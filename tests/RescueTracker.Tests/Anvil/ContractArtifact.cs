using System.Text.Json;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// One compiled test contract as written by tests/tools/compile-contracts.js. Selectors come from
/// the compiler's methodIdentifiers, so the tests need no Keccak of their own.
/// </summary>
public sealed class ContractArtifact
{
    private readonly IReadOnlyDictionary<string, string> selectors;

    private ContractArtifact(string name, string bytecode, IReadOnlyDictionary<string, string> selectors, JsonElement abi)
    {
        Name = name;
        Bytecode = bytecode;
        this.selectors = selectors;
        AbiJson = abi;
    }

    public string Name { get; }
    /// <summary>Creation bytecode, 0x-prefixed.</summary>
    public string Bytecode { get; }
    public JsonElement AbiJson { get; }

    public static ContractArtifact Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var selectors = root.GetProperty("methodIdentifiers").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new ContractArtifact(
            root.GetProperty("contractName").GetString()!,
            root.GetProperty("bytecode").GetString()!,
            selectors,
            root.GetProperty("abi").Clone());
    }

    /// <summary>The 4-byte selector of a canonical signature such as "transfer(address,uint256)", 0x-prefixed.</summary>
    public string Selector(string signature) =>
        selectors.TryGetValue(signature, out var selector)
            ? "0x" + selector
            : throw new ArgumentException(
                $"{Name} has no function {signature}; it has: {string.Join(", ", selectors.Keys)}.", nameof(signature));

    public string EncodeCall(string signature, params AbiArg[] args) => Selector(signature) + Abi.Encode(args);

    /// <summary>Creation code followed by the ABI-encoded constructor arguments.</summary>
    public string EncodeDeploy(params AbiArg[] constructorArgs) => Bytecode + Abi.Encode(constructorArgs);
}
