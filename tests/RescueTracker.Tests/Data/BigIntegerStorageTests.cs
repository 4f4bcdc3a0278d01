using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>
/// Base-unit amounts go beyond every built-in number type; they must survive the database exactly: as decimal
/// TEXT on SQLite, as NUMERIC(78,0) on PostgreSQL.
/// </summary>
public class BigIntegerStorageTests : IAsyncLifetime
{
    private readonly TestDatabase _file = TestDatabase.Create();

    public Task InitializeAsync() => _file.MigrateAsync();

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    [InlineData("0")]
    public async Task Largest_uint256_amount_and_zero_round_trip_exactly(string digits)
    {
        var amount = BigInteger.Parse(digits);
        int assetId;
        await using (var db = _file.CreateContext())
        {
            db.Chains.Add(new ChainInfo { ChainId = 1, Name = "Ethereum" });
            var asset = new Asset { Symbol = "ETH", ChainId = 1, Decimals = 18, EthRate = "1", Tolerance = amount };
            db.Assets.Add(asset);
            await db.SaveChangesAsync();
            assetId = asset.Id;
        }

        await using (var db = _file.CreateContext())
        {
            Assert.Equal(amount, (await db.Assets.SingleAsync(a => a.Id == assetId)).Tolerance);
        }
        await using var connection = _file.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _file.Provider == DatabaseProvider.PostgreSql
            ? """
              SELECT format_type(a.atttypid, a.atttypmod), t."Tolerance"::text FROM "Assets" t, pg_attribute a
              WHERE a.attrelid = '"Assets"'::regclass AND a.attname = 'Tolerance'
              """
            : "SELECT typeof(Tolerance), Tolerance FROM Assets";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(_file.Provider == DatabaseProvider.PostgreSql ? "numeric(78,0)" : "text", reader.GetString(0));
        Assert.Equal(digits, reader.GetString(1));
    }

    [Fact]
    public async Task Pledge_statuses_are_stored_by_their_lower_case_name()
    {
        await using (var db = _file.CreateContext())
        {
            db.Pledges.Add(new Pledge { Pledger = new Pledger { Name = "Ethena" }, Status = PledgeStatus.Withdrawn, Terms = PledgeTerms.Conditional });
            await db.SaveChangesAsync();
        }

        await using var connection = _file.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Status" || '/' || "Terms" FROM "Pledges" """;
        Assert.Equal("withdrawn/conditional", (string?)await command.ExecuteScalarAsync());
    }
}
