using System.Text;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json.Linq;

namespace RescueTracker.Chain.Tests.LogStream;

/// <summary>The independent reading: Newtonsoft turns the reply into Nethereum's FilterLog[], and Nethereum decodes the events.</summary>
public static class NethereumReference
{
    public static List<EventLog<TransferEventDto>> Decode(byte[] reply)
    {
        var logs = JObject.Parse(Encoding.UTF8.GetString(reply))["result"]!.ToObject<FilterLog[]>()!;
        return logs.DecodeAllEvents<TransferEventDto>();
    }

    /// <summary>Every field of every transfer, in reply order; the first difference fails with its index.</summary>
    public static void AssertSame(IReadOnlyList<EventLog<TransferEventDto>> expected, IReadOnlyList<Erc20Transfer> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, log, got) = (expected[i].Event, expected[i].Log, actual[i]);
            var context = $"transfer {i} (log index {log.LogIndex.Value} of {log.TransactionHash})";
            Assert.True(log.Address.Equals(got.Token.ToLowerHex(), StringComparison.OrdinalIgnoreCase), $"{context}: token");
            Assert.True(want.From.Equals(got.From.ToLowerHex(), StringComparison.OrdinalIgnoreCase), $"{context}: from");
            Assert.True(want.To.Equals(got.To.ToLowerHex(), StringComparison.OrdinalIgnoreCase), $"{context}: to");
            Assert.True(want.Value == got.Amount, $"{context}: amount {got.Amount}, Nethereum {want.Value}");
            Assert.True(log.BlockNumber.Value == got.BlockNumber, $"{context}: block number");
            Assert.True(log.BlockHash.Equals(got.BlockHash.ToString(), StringComparison.OrdinalIgnoreCase), $"{context}: block hash");
            Assert.True(log.TransactionHash.Equals(got.TransactionHash.ToString(), StringComparison.OrdinalIgnoreCase), $"{context}: tx hash");
            Assert.True(log.LogIndex.Value == got.LogIndex, $"{context}: log index");
            Assert.True(log.Removed == got.Removed, $"{context}: removed");
        }
    }
}
