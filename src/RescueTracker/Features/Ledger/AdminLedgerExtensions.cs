using RescueTracker.Features.Ledger.Pages;

namespace RescueTracker.Features.Ledger;

/// <summary>The ledger's write side (one set of commands behind both the admin forms and the admin API) and the admin pages' queries.</summary>
public static class AdminLedgerExtensions
{
    public static IServiceCollection AddAdminLedger(this IServiceCollection services) =>
        services.AddSingleton<PledgeCommands>().AddSingleton<LedgerCommands>()
            .AddSingleton<PledgeGridQuery>().AddSingleton<LedgerQueries>().AddSingleton<AuditQuery>();

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints) => endpoints.MapAdminLedgerApi();
}
