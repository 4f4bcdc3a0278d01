namespace RescueTracker.Features.Admin.Accounts.Pages;

/// <summary>
/// Account changes from a page in a circuit. The circuit's own service scope lives as long as the circuit (minutes
/// or hours), so its UserManager and DbContext would keep tracked users, stale after another admin's change, and
/// could be used by two operations at once. Each change gets a fresh scope instead, as a request would.
/// </summary>
internal static class AccountScopes
{
    public static async Task<T> WithAccountsAsync<T>(this IServiceScopeFactory scopes, Func<AccountService, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
