namespace RescueTracker.Tests.Anvil;

/// <summary>
/// Installs the tools and compiles the test contracts once for the whole run. Tests still start
/// their own <see cref="AnvilNode"/>: nodes are cheap and a private chain keeps tests independent.
/// Use it through <c>[Collection(AnvilCollection.Name)]</c>, or as an <c>IClassFixture</c> where
/// classes should run in parallel (the work behind it happens once per process either way).
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private TestContracts? contracts;
    private RealContracts? realContracts;

    public TestContracts Contracts => contracts ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>Safe 1.4.1, WETH9 and the contracts that move value and then revert.</summary>
    public RealContracts RealContracts => realContracts ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        contracts = await TestContracts.LoadAsync();
        realContracts = await RealContracts.LoadAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<AnvilNode> StartNodeAsync(long chainId = 1, AnvilNodeOptions? options = null) =>
        AnvilNode.StartAsync(chainId, options);
}

[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "Anvil";
}
