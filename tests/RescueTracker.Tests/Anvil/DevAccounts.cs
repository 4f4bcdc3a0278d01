namespace RescueTracker.Tests.Anvil;

/// <summary>
/// Anvil's unlocked dev accounts (from its default mnemonic), each funded with 10,000 ETH.
/// Lowercase, as the node echoes addresses back in logs and traces.
/// </summary>
public static class DevAccounts
{
    public const string Account0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    public const string Account1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    public const string Account2 = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    public const string Account3 = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
    public const string Account4 = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    public const string Account5 = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
    public const string Account6 = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
    public const string Account7 = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";
    public const string Account8 = "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f";
    public const string Account9 = "0xa0ee7a142d267c1f36714e4a8f75612f20a79720";

    public static IReadOnlyList<string> All { get; } =
        [Account0, Account1, Account2, Account3, Account4, Account5, Account6, Account7, Account8, Account9];
}
