using System.Numerics;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// Published contracts deployed as their packages ship them (Safe 1.4.1 with its proxy factory
/// and MultiSend, canonical WETH9), and the project's contracts that move value and then undo
/// it (tests/contracts RevertingRelay, SelfDestructor). Methods that send a transaction return
/// its hash, mined by then on an automining node.
/// </summary>
public sealed class RealContracts
{
    /// <summary>
    /// Gas for transactions that must be mined even when they revert: with a limit given, Anvil
    /// does not estimate, which would refuse a reverting call instead of mining it.
    /// </summary>
    public const long MinedGas = 1_000_000;

    private RealContracts(Func<string, ContractArtifact> load)
    {
        Safe = load("Safe");
        SafeProxyFactory = load("SafeProxyFactory");
        MultiSend = load("MultiSend");
        Weth9 = load("WETH9");
        Relay = load("RevertingRelay");
        SelfDestructor = load("SelfDestructor");
    }

    public ContractArtifact Safe { get; }
    public ContractArtifact SafeProxyFactory { get; }
    public ContractArtifact MultiSend { get; }
    public ContractArtifact Weth9 { get; }
    public ContractArtifact Relay { get; }
    public ContractArtifact SelfDestructor { get; }

    public static async Task<RealContracts> LoadAsync()
    {
        var dir = await TestTools.CompiledContractsDirAsync();
        return new RealContracts(name => ContractArtifact.Load(Path.Combine(dir, name + ".json")));
    }

    /// <summary>The Safe singleton, its proxy factory and MultiSend, as a chain would have them before any Safe exists.</summary>
    public async Task<SafeStack> DeploySafeStackAsync(AnvilNode node, string deployer = DevAccounts.Account0) => new(
        this,
        await node.Rpc.DeployContractAsync(deployer, Safe.EncodeDeploy()),
        await node.Rpc.DeployContractAsync(deployer, SafeProxyFactory.EncodeDeploy()),
        await node.Rpc.DeployContractAsync(deployer, MultiSend.EncodeDeploy()));

    public Task<string> DeployWethAsync(AnvilNode node, string deployer = DevAccounts.Account0) =>
        node.Rpc.DeployContractAsync(deployer, Weth9.EncodeDeploy());

    /// <summary>Wraps <paramref name="value"/> ETH of <paramref name="from"/> into as much WETH.</summary>
    public Task<string> DepositWethAsync(AnvilNode node, string weth, string from, BigInteger value) =>
        node.Rpc.SendTransactionAsync(from, weth, WethDepositCall(), value);

    public Task<string> TransferWethAsync(AnvilNode node, string weth, string from, string to, BigInteger amount) =>
        node.Rpc.SendTransactionAsync(from, weth, WethTransferCall(to, amount));

    public async Task<BigInteger> WethBalanceAsync(AnvilNode node, string weth, string holder) =>
        Abi.DecodeUint(await node.Rpc.EthCallAsync(weth, Weth9.EncodeCall("balanceOf(address)", AbiArg.Address(holder))));

    public string WethDepositCall() => Weth9.EncodeCall("deposit()");

    public string WethTransferCall(string to, BigInteger amount) =>
        Weth9.EncodeCall("transfer(address,uint256)", AbiArg.Address(to), AbiArg.Uint(amount));

    public Task<string> DeployRelayAsync(AnvilNode node, string deployer = DevAccounts.Account0) =>
        node.Rpc.DeployContractAsync(deployer, Relay.EncodeDeploy());

    /// <summary>Call data that sends the call's value on to <paramref name="to"/> and then reverts.</summary>
    public string RelayThenRevertCall(string to) => Relay.EncodeCall("relayThenRevert(address)", AbiArg.Address(to));

    /// <summary>Call data that always reverts: the later call of a batch that undoes the earlier ones.</summary>
    public string FailCall() => Relay.EncodeCall("fail()");

    /// <summary>
    /// <paramref name="from"/> sends <paramref name="value"/> through the relay to <paramref name="to"/>, and the
    /// transaction reverts as a whole (receipt status 0) while its trace shows the inner send.
    /// </summary>
    public Task<string> RelayThenRevertAsync(AnvilNode node, string relay, string from, string to, BigInteger value) =>
        node.Rpc.SendTransactionAsync(from, relay, RelayThenRevertCall(to), value, MinedGas);

    /// <summary>The relay calls <paramref name="target"/> with <paramref name="data"/> and then reverts: status 0.</summary>
    public Task<string> CallThenRevertAsync(AnvilNode node, string relay, string from, string target, string data) =>
        node.Rpc.SendTransactionAsync(from, relay,
            Relay.EncodeCall("callThenRevert(address,bytes)", AbiArg.Address(target), AbiArg.Bytes(data)), gas: MinedGas);

    /// <summary>A contract holding <paramref name="balance"/> wei until something calls destroy.</summary>
    public Task<string> DeploySelfDestructorAsync(AnvilNode node, BigInteger balance, string deployer = DevAccounts.Account0) =>
        DeployWithValueAsync(node, deployer, SelfDestructor.EncodeDeploy(), balance);

    /// <summary>Call data that hands the contract's whole balance to <paramref name="beneficiary"/> by SELFDESTRUCT.</summary>
    public string DestroyCall(string beneficiary) => SelfDestructor.EncodeCall("destroy(address)", AbiArg.Address(beneficiary));

    public Task<string> DestroyAsync(AnvilNode node, string selfDestructor, string from, string beneficiary) =>
        node.Rpc.SendTransactionAsync(from, selfDestructor, DestroyCall(beneficiary));

    private static async Task<string> DeployWithValueAsync(AnvilNode node, string deployer, string creationData, BigInteger value)
    {
        var receipt = await node.Rpc.WaitForReceiptAsync(await node.Rpc.SendTransactionAsync(deployer, null, creationData, value));
        if (receipt.GetProperty("status").GetString() != "0x1")
            throw new InvalidOperationException($"Deployment failed: {receipt.GetRawText()}");
        return receipt.GetProperty("contractAddress").GetString()!;
    }
}
