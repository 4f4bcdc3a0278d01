using System.Numerics;

namespace RescueTracker.Tests.Anvil;

public enum SafeOperation { Call = 0, DelegateCall = 1 }

/// <summary>How a Safe transaction ended, read from its receipt.</summary>
public enum SafeOutcome { Success, ExecutionFailure, Reverted }

/// <summary>One operation a Safe executes; a MultiSend batch is a delegatecall to MultiSend.</summary>
public sealed record SafeCall(string To, BigInteger Value, string Data, SafeOperation Operation = SafeOperation.Call)
{
    public static SafeCall Pay(string to, BigInteger value) => new(to, value, "0x");
}

/// <summary>The Safe 1.4.1 singleton, proxy factory and MultiSend deployed on one node.</summary>
public sealed class SafeStack(RealContracts contracts, string singleton, string factory, string multiSend)
{
    private const string Zero = "0x0000000000000000000000000000000000000000";

    public string Singleton { get; } = singleton;
    public string Factory { get; } = factory;
    public string MultiSend { get; } = multiSend;

    /// <summary>
    /// A Safe proxy with one owner and threshold 1, created the way Safe's own tools create one:
    /// <c>createProxyWithNonce(singleton, setup(...), saltNonce)</c>.
    /// </summary>
    public async Task<SafeWallet> CreateSafeAsync(AnvilNode node, string owner, BigInteger saltNonce)
    {
        var setup = contracts.Safe.EncodeCall("setup(address[],uint256,address,bytes,address,address,uint256,address)",
            AbiArg.Addresses(owner), AbiArg.Uint(1), AbiArg.Address(Zero), AbiArg.Bytes("0x"),
            AbiArg.Address(Zero), AbiArg.Address(Zero), AbiArg.Uint(0), AbiArg.Address(Zero));
        var create = contracts.SafeProxyFactory.EncodeCall("createProxyWithNonce(address,bytes,uint256)",
            AbiArg.Address(Singleton), AbiArg.Bytes(setup), AbiArg.Uint(saltNonce));
        // CREATE2: the address the call returns now is the one the transaction deploys.
        var address = "0x" + (await node.Rpc.EthCallAsync(Factory, create, owner))[^40..];
        var receipt = await node.Rpc.WaitForReceiptAsync(await node.Rpc.SendTransactionAsync(owner, Factory, create));
        var proxyCreation = contracts.SafeProxyFactory.EventTopic("ProxyCreation(address,address)");
        if (receipt.GetProperty("status").GetString() != "0x1" || !receipt.GetProperty("logs").EnumerateArray().Any(log =>
                log.GetProperty("topics")[0].GetString() == proxyCreation && log.GetProperty("topics")[1].GetString() == Abi.AddressTopic(address)))
            throw new InvalidOperationException($"No Safe was created at {address}: {receipt.GetRawText()}");
        return new SafeWallet(contracts, address, owner);
    }

    /// <summary>
    /// A MultiSend batch, which a Safe runs as a delegatecall: each call packed as operation (1
    /// byte), to (20), value (32), data length (32) and data. A call that fails reverts the batch.
    /// </summary>
    public SafeCall Batch(params SafeCall[] calls)
    {
        var packed = new List<byte>();
        foreach (var call in calls)
        {
            var data = AnvilHex.Bytes(call.Data);
            packed.Add((byte)call.Operation);
            packed.AddRange(AnvilHex.Bytes(call.To));
            packed.AddRange(Abi.Word(call.Value));
            packed.AddRange(Abi.Word(data.Length));
            packed.AddRange(data);
        }
        return new SafeCall(MultiSend, 0,
            contracts.MultiSend.EncodeCall("multiSend(bytes)", AbiArg.Bytes(AnvilHex.FromBytes([.. packed]))), SafeOperation.DelegateCall);
    }
}

/// <summary>A deployed 1-of-1 Safe whose owner is an unlocked dev account.</summary>
public sealed class SafeWallet(RealContracts contracts, string address, string owner)
{
    private const string Zero = "0x0000000000000000000000000000000000000000";

    public string Address { get; } = address;
    public string Owner { get; } = owner;

    /// <summary>
    /// <c>execTransaction</c> sent by the owner with a pre-validated signature (r = the owner's
    /// address, s = 0, v = 1), which needs no key. With safeTxGas 0 and gasPrice 0 a failed inner
    /// call reverts the whole transaction (GS013, receipt status 0); with any other safeTxGas the
    /// transaction succeeds and the Safe emits ExecutionFailure. Mined either way. Sent by anyone
    /// but the owner (<paramref name="sender"/>), the signature is refused (GS025) and the
    /// transaction reverts, <paramref name="value"/> sent along with it included.
    /// </summary>
    public Task<string> ExecAsync(AnvilNode node, SafeCall call, BigInteger safeTxGas = default, string? sender = null, BigInteger value = default)
    {
        var signature = AnvilHex.FromBytes([.. AnvilHex.Bytes(Abi.AddressTopic(Owner)), .. new byte[32], 1]);
        var data = contracts.Safe.EncodeCall(
            "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)",
            AbiArg.Address(call.To), AbiArg.Uint(call.Value), AbiArg.Bytes(call.Data), AbiArg.Uint((int)call.Operation),
            AbiArg.Uint(safeTxGas), AbiArg.Uint(0), AbiArg.Uint(0), AbiArg.Address(Zero), AbiArg.Address(Zero),
            AbiArg.Bytes(signature));
        return node.Rpc.SendTransactionAsync(sender ?? Owner, Address, data, value, RealContracts.MinedGas);
    }

    public async Task<SafeOutcome> OutcomeAsync(AnvilNode node, string txHash)
    {
        var receipt = await node.Rpc.WaitForReceiptAsync(txHash);
        if (receipt.GetProperty("status").GetString() != "0x1") return SafeOutcome.Reverted;
        bool Emitted(string signature) => receipt.GetProperty("logs").EnumerateArray().Any(log =>
            string.Equals(log.GetProperty("address").GetString(), Address, StringComparison.OrdinalIgnoreCase)
            && log.GetProperty("topics")[0].GetString() == contracts.Safe.EventTopic(signature));
        if (Emitted("ExecutionSuccess(bytes32,uint256)")) return SafeOutcome.Success;
        if (Emitted("ExecutionFailure(bytes32,uint256)")) return SafeOutcome.ExecutionFailure;
        throw new InvalidOperationException($"{txHash} is no Safe execution: {receipt.GetRawText()}");
    }
}
