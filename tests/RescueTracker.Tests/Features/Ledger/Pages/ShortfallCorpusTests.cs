using Bunit;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Features.Ledger.Api;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// The malformed-input corpus's shortfall values entered into the add-item form in the circuit by a signed-in editor. A
/// select offers only its own options (a change event with other text leaves it as it was), so the corpus's kinds and
/// assets are handed to the selects' value callbacks, as if a tampered client got them through. None may be saved or
/// throw, the database stays as it was, and each refusal shows a message beside a field it names.
/// </summary>
public class ShortfallCorpusTests(ITestOutputHelper output) : AdminComponentTest
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["Label"] = "Label", ["Kind"] = "Kind", ["Amount"] = "Amount", ["Asset"] = "Asset", ["Date"] = "Date (YYYY-MM-DD)", ["Source"] = "Source (required)",
    };

    private static readonly Dictionary<string, string> Valid = new()
    {
        ["Label"] = "Recovered ETH", ["Kind"] = "recovery", ["Amount"] = "5", ["Asset"] = "ETH", ["Date"] = "2026-04-28",
        ["Source"] = "https://forum.example.org/t/rescue/1",
    };

    private static async Task EnterAsync(IRenderedComponent<ShortfallPage> page, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (field, value) in fields)
        {
            if (field is "Kind" or "Asset")
            {
                var select = page.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == field);
                await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
            }
            else await page.FillAsync(Labels[field], value);
        }
        await page.ClickButtonAsync("Add the item");
    }

    [Fact]
    public async Task Malformed_shortfall_items_are_all_refused_beside_a_field_without_an_exception_and_change_nothing()
    {
        var page = this.RenderPage<ShortfallPage>();
        // The base item is saved when entered unchanged, so every refusal below comes from the bad value.
        await EnterAsync(page, Valid);
        Assert.Equal(["Added “Recovered ETH”."], this.Snackbars());

        var corpus = MalformedForms.Generate("0x" + new string('6', 40)).Where(c => c.Form == MalformedForms.Shortfall).ToList();
        var before = await DatabaseSnapshot.TakeAsync(Database.File);
        var figures = Database.Figures.Current;
        var failures = new List<string>();
        foreach (var c in corpus)
        {
            try
            {
                await EnterAsync(page, Valid.Concat(c.Fields).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value));
                var beside = c.Fields.Keys.Where(f => page.ErrorBeside(Labels[f]) is { Length: > 0 }).ToList();
                if (beside.Count == 0) failures.Add($"no message beside {string.Join("/", c.Fields.Keys)}: [{c.Class}] {Describe(c)}");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{e.GetType().Name}: [{c.Class}] {Describe(c)}");
            }
        }

        output.WriteLine($"shortfall cases tried: {corpus.Count}, not refused beside a field: {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        (await DatabaseSnapshot.TakeAsync(Database.File)).AssertSameAs(before);
        Assert.Same(figures, Database.Figures.Current);
    }

    private static string Describe(MalformedFormCase c) =>
        string.Join(", ", c.Fields.Select(f => $"{f.Key}='{(f.Value.Length <= 60 ? f.Value : f.Value[..60] + "…")}'"));
}
