using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// Drives an Anvil node from tests: plain JSON-RPC over HttpClient, deliberately independent of
/// RescueTracker.Chain so a bug there cannot hide itself in the test set-up.
/// Addresses and hashes are 0x-prefixed strings; amounts are wei as BigInteger.
/// </summary>
public sealed class AnvilRpc(HttpClient http) : IDisposable
{
    private long nextId;

    /// <summary>
    /// True while the node mines each transaction on arrival. Anvil answers eth_sendTransaction
    /// with the hash before that block is sealed (a read right after can miss the tx), so sends
    /// then wait for the receipt. Off for --no-mining and interval mining, where no block is due.
    /// </summary>
    public bool WaitsForMining { get; set; } = true;

    public AnvilRpc(string rpcUrl) : this(new HttpClient { BaseAddress = new Uri(rpcUrl), Timeout = TimeSpan.FromSeconds(60) })
    {
    }

    /// <summary>Any JSON-RPC method; the result is returned as-is (cloned, safe to keep).</summary>
    public async Task<JsonElement> RequestAsync(string method, params object?[] parameters)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref nextId), method, @params = parameters };
        using var response = await http.PostAsJsonAsync("", request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new AnvilRpcException(method,
                error.TryGetProperty("code", out var code) ? code.GetInt64() : 0,
                error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : error.GetRawText());
        }
        return doc.RootElement.GetProperty("result").Clone();
    }

    public async Task<long> ChainIdAsync() => AnvilHex.ParseLong((await RequestAsync("eth_chainId")).GetString()!);

    public async Task<long> BlockNumberAsync() => AnvilHex.ParseLong((await RequestAsync("eth_blockNumber")).GetString()!);

    public async Task<IReadOnlyList<string>> AccountsAsync() =>
        [.. (await RequestAsync("eth_accounts")).EnumerateArray().Select(a => a.GetString()!)];

    public async Task<BigInteger> GetBalanceAsync(string address, string block = "latest") =>
        AnvilHex.ParseQuantity((await RequestAsync("eth_getBalance", address, block)).GetString()!);

    /// <summary>A plain value transfer from an unlocked or impersonated account; returns the tx hash.</summary>
    public Task<string> SendEthAsync(string from, string to, BigInteger wei) => SendTransactionAsync(from, to, "0x", wei);

    /// <summary>
    /// Sends a transaction (to = null deploys); see <see cref="WaitsForMining"/>. Without <paramref name="gas"/> Anvil estimates
    /// gas first, so a call that would revert fails here with the revert reason; with it the call is mined, as a failed tx if
    /// it reverts (receipt status 0).
    /// </summary>
    public async Task<string> SendTransactionAsync(string from, string? to, string data, BigInteger value = default, long? gas = null)
    {
        var tx = new Dictionary<string, object?> { ["from"] = from, ["data"] = Prefixed(data), ["value"] = AnvilHex.Quantity(value) };
        if (to is not null) tx["to"] = to;
        if (gas is { } limit) tx["gas"] = AnvilHex.Quantity(limit);
        var hash = (await RequestAsync("eth_sendTransaction", tx)).GetString()!;
        if (WaitsForMining) await WaitForReceiptAsync(hash);
        return hash;
    }

    /// <summary>eth_call at the latest block; returns the raw 0x-prefixed return data.</summary>
    public async Task<string> EthCallAsync(string to, string data, string? from = null)
    {
        var call = new Dictionary<string, object?> { ["to"] = to, ["data"] = Prefixed(data) };
        if (from is not null) call["from"] = from;
        return (await RequestAsync("eth_call", call, "latest")).GetString()!;
    }

    /// <summary>The receipt, or null when the tx is unknown or not mined (or was reorged away).</summary>
    public async Task<JsonElement?> GetReceiptAsync(string txHash)
    {
        var result = await RequestAsync("eth_getTransactionReceipt", txHash);
        return result.ValueKind == JsonValueKind.Null ? null : result;
    }

    public async Task<JsonElement> WaitForReceiptAsync(string txHash, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await GetReceiptAsync(txHash) is { } receipt) return receipt;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No receipt for {txHash}: is mining off on this node?");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Deploys creation code (with encoded constructor args) and returns the contract address.</summary>
    public async Task<string> DeployContractAsync(string from, string creationData)
    {
        var hash = await SendTransactionAsync(from, null, creationData);
        var receipt = await WaitForReceiptAsync(hash);
        if (receipt.GetProperty("status").GetString() != "0x1")
        {
            throw new InvalidOperationException($"Deployment {hash} failed: {receipt.GetRawText()}");
        }
        return receipt.GetProperty("contractAddress").GetString()!;
    }

    /// <summary>The block header (transaction hashes only), or null past the head.</summary>
    public async Task<JsonElement?> GetBlockAsync(long number)
    {
        var result = await RequestAsync("eth_getBlockByNumber", AnvilHex.Quantity(number), false);
        return result.ValueKind == JsonValueKind.Null ? null : result;
    }

    /// <summary>eth_getLogs over an inclusive block range; a null topic matches anything.</summary>
    public Task<JsonElement> GetLogsAsync(long fromBlock, long toBlock, string? address = null, params string?[] topics)
    {
        var filter = new Dictionary<string, object?>
        {
            ["fromBlock"] = AnvilHex.Quantity(fromBlock),
            ["toBlock"] = AnvilHex.Quantity(toBlock),
            ["topics"] = topics,
        };
        if (address is not null) filter["address"] = address;
        return RequestAsync("eth_getLogs", filter);
    }

    /// <summary>trace_filter over an inclusive range; Anvil needs hex block numbers, not tags.</summary>
    public Task<JsonElement> TraceFilterAsync(long fromBlock, long toBlock, params string[] toAddresses)
    {
        var filter = new Dictionary<string, object?>
        {
            ["fromBlock"] = AnvilHex.Quantity(fromBlock),
            ["toBlock"] = AnvilHex.Quantity(toBlock),
        };
        if (toAddresses.Length > 0) filter["toAddress"] = toAddresses;
        return RequestAsync("trace_filter", filter);
    }

    /// <summary>Every trace of one transaction, its root call first (Parity format).</summary>
    public Task<JsonElement> TraceTransactionAsync(string txHash) => RequestAsync("trace_transaction", txHash);

    public Task MineAsync(int blocks = 1) => RequestAsync("anvil_mine", AnvilHex.Quantity(blocks));

    public async Task SetAutomineAsync(bool enabled)
    {
        await RequestAsync("evm_setAutomine", enabled);
        WaitsForMining = enabled;
    }

    /// <summary>Saves the chain state; <see cref="RevertAsync"/> goes back to it (once per snapshot).</summary>
    public async Task<string> SnapshotAsync() => (await RequestAsync("evm_snapshot")).GetString()!;

    public async Task<bool> RevertAsync(string snapshotId) => (await RequestAsync("evm_revert", snapshotId)).GetBoolean();

    /// <summary>Replaces the last <paramref name="depth"/> blocks with empty ones: their transactions are dropped.</summary>
    public Task ReorgAsync(int depth) => RequestAsync("anvil_reorg", depth, Array.Empty<object>());

    /// <summary>Lets eth_sendTransaction send from any address, e.g. a real exchange hot wallet.</summary>
    public Task ImpersonateAsync(string address) => RequestAsync("anvil_impersonateAccount", address);

    public Task StopImpersonatingAsync(string address) => RequestAsync("anvil_stopImpersonatingAccount", address);

    public Task SetBalanceAsync(string address, BigInteger wei) => RequestAsync("anvil_setBalance", address, AnvilHex.Quantity(wei));

    public void Dispose() => http.Dispose();

    private static string Prefixed(string hex) => hex.StartsWith("0x", StringComparison.Ordinal) ? hex : "0x" + hex;
}

public sealed class AnvilRpcException(string method, long code, string message)
    : Exception($"{method} failed with JSON-RPC error {code}: {message}")
{
    public string Method { get; } = method;
    public long Code { get; } = code;
    public string RpcMessage { get; } = message;
}
