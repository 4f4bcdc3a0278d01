using System.Numerics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>Base-unit amounts go beyond every built-in number type; they must survive SQLite exactly.</summary>
public class BigIntegerStorageTests : IAsyncLifetime
{
    private readonly TempSqliteFile _file = new();

    public Task InitializeAsync() => _file.MigrateAsync();

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Largest_uint256_amount_round_trips_exactly_as_decimal_text()
    {
        var max = BigInteger.Pow(2, 256) - 1;
        int assetId;
        await using (var db = _file.CreateContext())
        {
            db.Chains.Add(new ChainInfo { ChainId = 1, Name = "Ethereum" });
            var asset = new Asset { Symbol = "ETH", ChainId = 1, Decimals = 18, EthRate = "1", Tolerance = max };
            db.Assets.Add(asset);
            await db.SaveChangesAsync();
            assetId = asset.Id;
        }

        await using (var db = _file.CreateContext())
        {
            Assert.Equal(max, (await db.Assets.SingleAsync(a => a.Id == assetId)).Tolerance);
        }
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(Tolerance), Tolerance FROM Assets";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("text", reader.GetString(0));
        Assert.Equal("115792089237316195423570985008687907853269984665640564039457584007913129639935", reader.GetString(1));
    }

    [Fact]
    public async Task Pledge_statuses_are_stored_by_their_lower_case_name()
    {
        await using (var db = _file.CreateContext())
        {
            db.Pledges.Add(new Pledge { Pledger = new Pledger { Name = "Ethena" }, Status = PledgeStatus.Withdrawn, Terms = PledgeTerms.Conditional });
            await db.SaveChangesAsync();
        }

        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status || '/' || Terms FROM Pledges";
        Assert.Equal("withdrawn/conditional", (string?)await command.ExecuteScalarAsync());
    }
}
