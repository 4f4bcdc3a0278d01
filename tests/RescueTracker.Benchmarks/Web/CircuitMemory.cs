using System.Globalization;
using Microsoft.Playwright;

namespace RescueTracker.Benchmarks.Web;

/// <summary>
/// P6 (run.sh circuits): the server memory one signed-in admin circuit costs. Signs in once in Debian's Chromium,
/// warms the app with a few circuits that are then closed, measures the server, opens <c>count</c> pages of
/// <c>path</c> in the signed-in context (each its own Blazor circuit, waited for until it has rendered), measures
/// again, and prints (after - before) / count. Each measurement follows a quiet period: the working set is VmRSS
/// read then, the GC heap the live heap after the full collection a gcdump forces right after.
/// </summary>
internal static class CircuitMemory
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);
    private const int WarmUpCircuits = 3;
    private const int OpenAtOnce = 10;

    public static async Task RunAsync(Uri baseAddress, int serverPid, string email, string password, int count, string path)
    {
        var gcdump = Environment.GetEnvironmentVariable("DOTNET_GCDUMP");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run",
                // A hundred tabs in the background must keep their SignalR pings going, or the server drops them after 30 s.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                // Same-site tabs share a few renderers instead of a hundred processes.
                "--renderer-process-limit=4",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        await SignInAsync(context, email, password);

        // The first circuits JIT the render path and fill what all circuits share; that is not a per-circuit cost.
        var warmUp = await OpenCircuitsAsync(context, path, WarmUpCircuits);
        await CloseAsync(warmUp);
        // A gcdump session leaves buffers in the server; one now, so that both measurements come after one.
        if (gcdump is not null) await GcHeap.CollectAsync(gcdump, serverPid);

        var before = await MeasureAsync(serverPid, gcdump, "before");
        var circuits = await OpenCircuitsAsync(context, path, count);
        var after = await MeasureAsync(serverPid, gcdump, "after");
        var open = circuits.Count(c => c.IsOpen);
        await CloseAsync(circuits);

        Console.WriteLine();
        Console.WriteLine($"| P6: {count} admin circuits on {path} | before | after | (after - before) / {count} |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| working set (VmRSS) | {Kb(before.RssBytes)} | {Kb(after.RssBytes)} | **{PerCircuit(before.RssBytes, after.RssBytes, count)}** |");
        if (before.Heap is { } heapBefore && after.Heap is { } heapAfter)
            Console.WriteLine($"| live GC heap after a full GC | {Kb(heapBefore.Bytes)} | {Kb(heapAfter.Bytes)} | **{PerCircuit(heapBefore.Bytes, heapAfter.Bytes, count)}** |");
        Console.WriteLine($"| /_blazor WebSockets open in the browser at the measurement | | {open} of {count} | |");
        if (before.Heap is not null && after.Heap is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"Live objects added per circuit, most first ({count} circuits):");
            foreach (var (type, objects) in GcHeap.Growth(before.Heap, after.Heap).Take(25))
                Console.WriteLine($"  {objects / (double)count,8:N1}  {type}");
        }
        if (open != count) throw new InvalidOperationException($"Only {open} of {count} circuits were still connected when measured.");
    }

    private static async Task SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("input[type=email]", email);
        await page.FillAsync("input[type=password]", password);
        await page.ClickAsync("form[method=post] button[type=submit]");
        await page.WaitForURLAsync("**/admin", new PageWaitForURLOptions { Timeout = 30_000 });
        await page.CloseAsync();
    }

    private static async Task<List<Circuit>> OpenCircuitsAsync(IBrowserContext context, string path, int count)
    {
        var circuits = new List<Circuit>();
        for (var first = 0; first < count; first += OpenAtOnce)
        {
            var batch = Enumerable.Range(first, Math.Min(OpenAtOnce, count - first)).Select(_ => Circuit.OpenAsync(context, path));
            circuits.AddRange(await Task.WhenAll(batch));
            Console.WriteLine($"  {circuits.Count} circuits open");
        }
        return circuits;
    }

    private static async Task CloseAsync(IEnumerable<Circuit> circuits)
    {
        foreach (var circuit in circuits) await circuit.CloseAsync();
    }

    private sealed record Sample(long RssBytes, GcHeap? Heap);

    private static async Task<Sample> MeasureAsync(int pid, string? gcdump, string label)
    {
        Console.WriteLine($"== measuring {label} after {Quiet.TotalSeconds:N0} s quiet");
        await Task.Delay(Quiet);
        // The working set as it stands, before the gcdump's forced collection changes it.
        var rss = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var heap = gcdump is null ? null : await GcHeap.CollectAsync(gcdump, pid);
        return new Sample(kb * 1024, heap);
    }

    private static string Kb(long bytes) => $"{bytes / 1024.0:N0} KB";

    private static string PerCircuit(long before, long after, int count) => $"{(after - before) / 1024.0 / count:N0} KB";
}
