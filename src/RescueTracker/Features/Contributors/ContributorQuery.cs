using System.Numerics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Transfers;

namespace RescueTracker.Features.Contributors;

/// <summary>
/// One sending address's confirmed transfers toward one pledge (or toward none), on one chain. An address that paid
/// two pledges, or paid one and sent something unattributed, has a row for each: the row says what it counted toward.
/// </summary>
public sealed record ContributorRow(string Address, long ChainId, int? PledgeId, string? Pledger, int Transfers, ExactDecimal TotalEth, long LastBlock);

/// <summary>One page of contributors, with the counts across all of them.</summary>
public sealed record ContributorPage(IReadOnlyList<ContributorRow> Rows, int Total, int Wallets, int TransferCount, ExactDecimal TotalEth);

/// <summary>
/// Contributors from the confirmed transfers. SQLite groups the transfers (per address, chain, pledge and asset) and
/// sums their amounts exactly: the TEXT amount is cut into nine-digit pieces summed as integers, so no amount is ever
/// read as a floating-point number, and one row per group comes back however many transfers there are. The ETH-eq at
/// each asset's current rate, the order and the page are then worked out here over those groups (one per wallet).
/// On PostgreSQL the amounts are NUMERIC and the server's SUM is exact, so no pieces are needed there.
/// A singleton over the context factory.
/// </summary>
public sealed class ContributorQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    /// <summary>Nine pieces of nine digits: 81 digits, more than a uint256 (78) needs.</summary>
    private const int Pieces = 9;

    private static readonly string GroupSql =
        $"""
         SELECT "From" AS "Address", "ChainId", "PledgeId", "AssetId", COUNT(*) AS "Transfers", MAX("BlockNumber") AS "LastBlock",
         {string.Join(", ", Enumerable.Range(0, Pieces).Select(i => $"""SUM(CAST(substr("Amount", {-9 * (i + 1)}, 9) AS INTEGER)) AS "P{i}" """))}
         FROM "Transfers" WHERE "Confirmed"
           AND (@chainId IS NULL OR "ChainId" = @chainId)
           AND (@pledgeId IS NULL OR "PledgeId" = @pledgeId)
           AND (@attributed IS NULL OR ("PledgeId" IS NOT NULL) = @attributed)
         GROUP BY "From", "ChainId", "PledgeId", "AssetId"
         """;

    private const string PostgreSqlGroupSql = """
        SELECT "From" AS "Address", "ChainId", "PledgeId", "AssetId", COUNT(*)::int AS "Transfers", MAX("BlockNumber") AS "LastBlock",
        SUM("Amount") AS "Amount"
        FROM "Transfers" WHERE "Confirmed"
          AND (@chainId::bigint IS NULL OR "ChainId" = @chainId)
          AND (@pledgeId::integer IS NULL OR "PledgeId" = @pledgeId)
          AND (@attributed::boolean IS NULL OR ("PledgeId" IS NOT NULL) = @attributed)
        GROUP BY "From", "ChainId", "PledgeId", "AssetId"
        """;

    /// <summary>
    /// A slice of the contributors of the transfers the filter's chainId, pledgeId and attributed select (its status,
    /// limit and offset are not read: contributors count confirmed transfers only), in the given order.
    /// </summary>
    public async Task<ContributorPage> PageAsync(TransferFilter filter, ContributorSort sort, int offset, int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var groups = db.OnPostgreSql
            ? await db.Database.SqlQueryRaw<SummedGroup>(PostgreSqlGroupSql,
                    PostgreSqlParameter("chainId", filter.ChainId), PostgreSqlParameter("pledgeId", filter.PledgeId),
                    PostgreSqlParameter("attributed", filter.Attributed))
                .ToListAsync(ct)
            : (await db.Database.SqlQueryRaw<TransferGroup>(GroupSql,
                    Parameter("@chainId", filter.ChainId), Parameter("@pledgeId", filter.PledgeId), Parameter("@attributed", filter.Attributed))
                .ToListAsync(ct)).Select(g => g.ToSummed()).ToList();
        var assets = await db.Assets.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var pledgers = await db.Pledges.AsNoTracking().Select(p => new { p.Id, p.Pledger!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        await tx.CommitAsync(ct);

        var rows = groups
            .GroupBy(g => (g.Address, g.ChainId, g.PledgeId))
            .Select(g => new ContributorRow(
                g.Key.Address, g.Key.ChainId, g.Key.PledgeId, g.Key.PledgeId is { } id ? pledgers.GetValueOrDefault(id) : null,
                g.Sum(a => a.Transfers),
                ExactDecimal.Sum(g.Select(a => ExactDecimal.FromBaseUnits(a.Amount, assets[a.AssetId].Decimals) * ExactDecimal.Parse(assets[a.AssetId].EthRate))),
                g.Max(a => a.LastBlock)))
            .ToList();
        var page = sort.Apply(rows).Skip(offset).Take(limit).ToList();
        return new ContributorPage(page, rows.Count, rows.Select(r => (r.Address, r.ChainId)).Distinct().Count(), rows.Sum(r => r.Transfers),
            ExactDecimal.Sum(rows.Select(r => r.TotalEth)));
    }

    /// <summary>A filter's value, or SQL NULL for "any".</summary>
    private static SqliteParameter Parameter(string name, object? value) => new(name, value ?? DBNull.Value);

    /// <inheritdoc cref="Parameter"/>
    private static Npgsql.NpgsqlParameter PostgreSqlParameter(string name, object? value) => new(name, value ?? DBNull.Value);

    /// <summary>One group's transfers and their exact sum.</summary>
    internal sealed record SummedGroup(string Address, long ChainId, int? PledgeId, int AssetId, int Transfers, long LastBlock, BigInteger Amount);

    /// <summary>A group as SQLite sums it: the amount in nine-digit pieces.</summary>
    internal sealed record TransferGroup(
        string Address, long ChainId, int? PledgeId, int AssetId, int Transfers, long LastBlock,
        long P0, long P1, long P2, long P3, long P4, long P5, long P6, long P7, long P8)
    {
        public SummedGroup ToSummed() => new(Address, ChainId, PledgeId, AssetId, Transfers, LastBlock, Amount);

        private BigInteger Amount
        {
            get
            {
                var sum = BigInteger.Zero;
                var pieces = new[] { P0, P1, P2, P3, P4, P5, P6, P7, P8 };
                for (var i = Pieces - 1; i >= 0; i--) sum = sum * 1_000_000_000 + pieces[i];
                return sum;
            }
        }
    }
}
