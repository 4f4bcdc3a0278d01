using System.Text.Json;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// One contract as tests/tools/compile-contracts.js writes it: a test contract it compiled, or a
/// published build it copied. Selectors and event topics come from that script, so the tests
/// need no Keccak of their own.
/// </summary>
public sealed class ContractArtifact
{
    private readonly IReadOnlyDictionary<string, string> selectors;
    private readonly IReadOnlyDictionary<string, string> topics;

    private ContractArtifact(string name, string bytecode, IReadOnlyDictionary<string, string> selectors,
        IReadOnlyDictionary<string, string> topics, JsonElement abi)
    {
        Name = name;
        Bytecode = bytecode;
        this.selectors = selectors;
        this.topics = topics;
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
        IReadOnlyDictionary<string, string> Map(string property) => root.GetProperty(property).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new ContractArtifact(
            root.GetProperty("contractName").GetString()!,
            root.GetProperty("bytecode").GetString()!,
            Map("methodIdentifiers"),
            Map("eventTopics"),
            root.GetProperty("abi").Clone());
    }

    /// <summary>The 4-byte selector of a canonical signature such as "transfer(address,uint256)", 0x-prefixed.</summary>
    public string Selector(string signature) =>
        selectors.TryGetValue(signature, out var selector)
            ? "0x" + selector
            : throw new ArgumentException(
                $"{Name} has no function {signature}; it has: {string.Join(", ", selectors.Keys)}.", nameof(signature));

    /// <summary>topic0 of a canonical event signature such as "ExecutionFailure(bytes32,uint256)", 0x-prefixed.</summary>
    public string EventTopic(string signature) =>
        topics.TryGetValue(signature, out var topic)
            ? topic
            : throw new ArgumentException(
                $"{Name} has no event {signature}; it has: {string.Join(", ", topics.Keys)}.", nameof(signature));

    public string EncodeCall(string signature, params AbiArg[] args) => Selector(signature) + Abi.Encode(args);

    /// <summary>Creation code followed by the ABI-encoded constructor arguments.</summary>
    public string EncodeDeploy(params AbiArg[] constructorArgs) => Bytecode + Abi.Encode(constructorArgs);
}
