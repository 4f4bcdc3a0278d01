using Microsoft.EntityFrameworkCore;
using RescueTracker.Components.Layout;
using RescueTracker.Data;

namespace RescueTracker.Tests.Browser;

/// <summary>A page to check: its path, the status it answers with, and text its h1 holds once it has rendered.</summary>
internal sealed record AccessibilityTarget(string Path, string Heading, int Status = 200);

/// <summary>
/// Every page of the app, with real ids read from the app's own database: the public pages, and the admin
/// pages named by <see cref="AdminSections"/> plus the pages of one pledge, pledger, asset, shortfall item,
/// inflow and user.
/// </summary>
internal sealed class AccessibilityPages(string databasePath)
{
    private DbContextOptions<RescueDbContext> Options { get; } =
        new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite($"Data Source={databasePath};Pooling=False").Options;

    public async Task<IReadOnlyList<AccessibilityTarget>> PublicAsync()
    {
        await using var db = new RescueDbContext(Options);
        var pledge = await db.Pledges.OrderBy(p => p.Id).Select(p => new { p.Id, Pledger = p.Pledger!.Name }).FirstAsync();
        return
        [
            new("/", ""),
            new("/pledges", ""),
            new("/pledges?page=1&sort=pledger-asc", ""),
            new($"/pledges/{pledge.Id}", pledge.Pledger),
            new("/pledges/999999", "", 404),
            new("/transfers", ""),
            new("/contributors", ""),
            new("/discrepancies", ""),
            new("/discrepancies?kind=overDelivered&sort=kind-asc", ""),
            new("/?exclude=conditional", ""),
            new("/status", ""),
            new("/embed", ""),
            new("/no-such-page", "", 404),
            new("/admin/login", ""),
        ];
    }

    public async Task<IReadOnlyList<AccessibilityTarget>> AdminAsync(string adminEmail)
    {
        await using var db = new RescueDbContext(Options);
        var pledge = await db.Pledges.Where(p => p.Status != PledgeStatus.Withdrawn).OrderBy(p => p.Id)
            .Select(p => new { p.Id, Pledger = p.Pledger!.Name }).FirstAsync();
        var pledger = await db.Pledgers.OrderBy(p => p.Id).FirstAsync();
        var asset = await db.Assets.OrderBy(a => a.Id).FirstAsync();
        var item = await db.ShortfallItems.OrderBy(s => s.Id).FirstAsync();
        var inflow = await db.Transfers.Where(t => t.PledgeId == null).OrderBy(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync();
        var user = await db.Users.SingleAsync(u => u.Email == adminEmail);

        var pages = new List<AccessibilityTarget> { new("/admin", "Admin") };
        pages.AddRange(AdminSections.All.Select(s => new AccessibilityTarget(s.Href, s.Title)));
        pages.AddRange(
        [
            new("/admin/transfers/unattributed", "Unattributed inflows"),
            new("/admin/pledges/new", "proposal"),
            new($"/admin/pledges/{pledge.Id}/edit", pledge.Pledger),
            new($"/admin/pledges/{pledge.Id}/status", pledge.Pledger),
            new($"/admin/pledges/{pledge.Id}/withdraw", pledge.Pledger),
            new($"/admin/pledges/{pledge.Id}/offchain", pledge.Pledger),
            new($"/admin/pledgers/{pledger.Id}", pledger.Name),
            new($"/admin/assets/{asset.Id}", asset.Symbol),
            new($"/admin/shortfall/{item.Id}/edit", item.Label),
            new($"/admin/users/{Uri.EscapeDataString(user.Id)}", user.DisplayName is "" ? adminEmail : user.DisplayName),
            new("/admin/denied", "denied", 403),
        ]);
        if (inflow is { } id) pages.Add(new($"/admin/transfers/{id}/attribute", "Attribute"));
        return pages;
    }

    /// <summary>An inflow from an unknown sender, written as the reconciler would, so the attribution page has one to show.</summary>
    public async Task AddUnattributedInflowAsync()
    {
        await using var db = new RescueDbContext(Options);
        var eth = await db.Assets.FirstAsync(a => a.Symbol == "ETH");
        db.Transfers.Add(new Transfer
        {
            ChainId = 1, TxHash = "0x" + new string('a', 64), Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_001,
            BlockHash = "0x" + new string('b', 64), From = "0x1111111111111111111111111111111111111111",
            To = "0x2222222222222222222222222222222222222222", AssetId = eth.Id, Amount = System.Numerics.BigInteger.Pow(10, 18),
            Confirmed = true, SeenAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}
