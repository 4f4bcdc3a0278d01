using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// Makes every asynchronous query of a SQLite file complete later, as a database server's round trip does. Microsoft.Data.Sqlite
/// completes its async calls synchronously, so a component's load there is done before its first render returns; on
/// PostgreSQL it is not, and a component that renders its loaded state only by chance shows that here too.
/// </summary>
public sealed class RoundTripDelay(TimeSpan delay) : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return result;
    }
}
