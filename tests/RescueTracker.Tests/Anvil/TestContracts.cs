using System.Numerics;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// Deploys and drives the project's test contracts (tests/contracts). Methods that send a
/// transaction return its hash (mined by then on an automining node, see AnvilRpc.WaitsForMining).
/// Unless a sender is given, account 0 pays.
/// </summary>
public sealed class TestContracts
{
    /// <summary>topic0 of ERC-20 Transfer(address,address,uint256).</summary>
    public const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    private TestContracts(ContractArtifact token, ContractArtifact forwarder, ContractArtifact emitter)
    {
        Token = token;
        Forwarder = forwarder;
        Emitter = emitter;
    }

    public ContractArtifact Token { get; }
    public ContractArtifact Forwarder { get; }
    public ContractArtifact Emitter { get; }

    public static async Task<TestContracts> LoadAsync()
    {
        var dir = await TestTools.CompiledContractsDirAsync();
        ContractArtifact Load(string name) => ContractArtifact.Load(Path.Combine(dir, name + ".json"));
        return new TestContracts(Load("TestToken"), Load("Forwarder"), Load("TransferEmitter"));
    }

    public Task<string> DeployTokenAsync(AnvilNode node, string name, string symbol, byte decimals, string deployer = DevAccounts.Account0) =>
        node.Rpc.DeployContractAsync(deployer,
            Token.EncodeDeploy(AbiArg.String(name), AbiArg.String(symbol), AbiArg.Uint(decimals)));

    /// <summary>Mints to <paramref name="to"/>; logged as a Transfer from the zero address.</summary>
    public Task<string> MintAsync(AnvilNode node, string token, string to, BigInteger amount, string sender = DevAccounts.Account0) =>
        node.Rpc.SendTransactionAsync(sender, token,
            Token.EncodeCall("mint(address,uint256)", AbiArg.Address(to), AbiArg.Uint(amount)));

    /// <summary>An ERC-20 transfer sent by <paramref name="from"/> itself (unlocked or impersonated).</summary>
    public Task<string> TransferAsync(AnvilNode node, string token, string from, string to, BigInteger amount) =>
        node.Rpc.SendTransactionAsync(from, token,
            Token.EncodeCall("transfer(address,uint256)", AbiArg.Address(to), AbiArg.Uint(amount)));

    public async Task<BigInteger> BalanceOfAsync(AnvilNode node, string token, string holder) =>
        Abi.DecodeUint(await node.Rpc.EthCallAsync(token,
            Token.EncodeCall("balanceOf(address)", AbiArg.Address(holder))));

    /// <summary>A forwarder whose plain ETH receipts go on to <paramref name="target"/>.</summary>
    public Task<string> DeployForwarderAsync(AnvilNode node, string target, string deployer = DevAccounts.Account0) =>
        node.Rpc.DeployContractAsync(deployer, Forwarder.EncodeDeploy(AbiArg.Address(target)));

    /// <summary>
    /// <paramref name="from"/> pays <paramref name="value"/> into the forwarder, which sends it on to
    /// <paramref name="to"/> as an internal transfer (trace with a non-empty traceAddress).
    /// </summary>
    public Task<string> ForwardAsync(AnvilNode node, string forwarder, string from, string to, BigInteger value) =>
        node.Rpc.SendTransactionAsync(from, forwarder,
            Forwarder.EncodeCall("forward(address)", AbiArg.Address(to)), value);

    /// <summary>Like <see cref="ForwardAsync"/>, but first makes an inner call that reverts (an errored trace).</summary>
    public Task<string> ForwardAfterFailedCallAsync(AnvilNode node, string forwarder, string from, string to, BigInteger value) =>
        node.Rpc.SendTransactionAsync(from, forwarder,
            Forwarder.EncodeCall("forwardAfterFailedCall(address)", AbiArg.Address(to)), value);

    public Task<string> DeployEmitterAsync(AnvilNode node, string deployer = DevAccounts.Account0) =>
        node.Rpc.DeployContractAsync(deployer, Emitter.EncodeDeploy());

    /// <summary>
    /// One transaction emitting <paramref name="count"/> Transfer(from, to, value) logs from the
    /// emitter's address. About 1,900 gas a log: up to ~15,000 per call fit Anvil's 30M block gas
    /// limit (10,000 take about a second), so 100,000 logs are ten calls.
    /// </summary>
    public Task<string> EmitManyAsync(AnvilNode node, string emitter, string from, string to, BigInteger value, int count, string sender = DevAccounts.Account0) =>
        node.Rpc.SendTransactionAsync(sender, emitter,
            Emitter.EncodeCall("emitMany(address,address,uint256,uint256)",
                AbiArg.Address(from), AbiArg.Address(to), AbiArg.Uint(value), AbiArg.Uint(count)));
}
