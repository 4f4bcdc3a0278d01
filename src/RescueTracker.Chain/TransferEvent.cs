using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace RescueTracker.Chain;

/// <summary>
/// The ERC-20 <c>Transfer(address indexed from, address indexed to, uint256 value)</c> event as
/// Nethereum's ABI decoder reads it. The hot path decodes logs itself (see <see cref="Erc20Transfer"/>)
/// and is tested against this definition.
/// </summary>
[Event("Transfer")]
public sealed class TransferEventDto : IEventDTO
{
    [Parameter("address", "from", 1, true)]
    public string From { get; set; } = "";

    [Parameter("address", "to", 2, true)]
    public string To { get; set; } = "";

    [Parameter("uint256", "value", 3, false)]
    public BigInteger Value { get; set; }

    /// <summary>keccak256("Transfer(address,address,uint256)"), the event's topic 0.</summary>
    public static Hash32 Topic { get; } = Hash32.Parse("0x" + EventExtensions.GetEventABI<TransferEventDto>().Sha3Signature);
}
