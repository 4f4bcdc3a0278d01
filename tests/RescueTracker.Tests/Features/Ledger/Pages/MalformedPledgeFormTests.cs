using Bunit;
using Microsoft.AspNetCore.Components;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Features.Ledger.Api;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>
/// The corpus's bad values typed into the new-pledge and status forms, in the circuit, by a signed-in editor (the
/// selects are given values they do not offer, as a tampered circuit message could): none may be saved, none may
/// fail, every one is refused with a message, and the database and the figures stay as they were.
/// </summary>
public class MalformedPledgeFormTests(ITestOutputHelper output) : PledgePageTest
{
    private static readonly Dictionary<string, string> NewPledge = new()
        { ["Pledger"] = "Form DAO", ["Amount"] = "10", ["Asset"] = "ETH", ["Status"] = "proposed", ["Terms"] = "grant", ["Source"] = "https://forum.example.org/t/rescue/1" };

    private static readonly Dictionary<string, string> Status = new()
        { ["Status"] = "withdrawn", ["Reason"] = "Vote failed", ["Source"] = "https://forum.example.org/t/rescue/1" };

    private static readonly HashSet<string> Selects = ["pledge-asset", "pledge-status", "pledge-terms", "status-status"];

    [Fact]
    public async Task Malformed_form_input_is_all_refused_with_messages_without_an_error_and_changes_nothing()
    {
        var committed = await EnterAsync("Corpus Committed DAO", "100", "committed");
        var other = await EnterAsync("Corpus Copy DAO", "100", "committed");
        var taken = "0x" + new string('6', 40);
        var owner = await Commands.CreateAsync(new RescueTracker.Features.Ledger.PledgeInput("Form sender owner", "1", "ETH", "proposed", "grant", null, null,
            null, null, null, [taken]), Editor, CancellationToken.None);
        Assert.Equal(RescueTracker.Features.Ledger.CommandOutcome.Ok, owner.Outcome);
        // Each base is saved when sent unchanged (the status one on a copy), so every refusal comes from the bad value.
        Assert.Equal(FormOutcome.Accepted, (await SubmitAsync(MalformedForms.NewPledge, committed, NewPledge)).Outcome);
        Assert.Equal(FormOutcome.Accepted, (await SubmitAsync(MalformedForms.Status, other, Status)).Outcome);
        var corpus = MalformedForms.Generate(taken).Where(c => c.Form is MalformedForms.NewPledge or MalformedForms.Status).ToList();
        var before = await SnapshotAsync();
        var figures = Database.Figures.Current;

        await MalformedFormRun.RunAsync("new-pledge and status forms in the circuit, signed-in editor", "malformed-corpus-pledge-forms.txt", corpus,
            c => SubmitAsync(c.Form, committed, (c.Form == MalformedForms.Status ? Status : NewPledge).Concat(c.Fields)
                .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Value)), output);

        (await SnapshotAsync()).AssertSameAs(before);
        Assert.Same(figures, Database.Figures.Current);
        AssertNothingLogged();
    }

    private async Task<(FormOutcome Outcome, string Detail)> SubmitAsync(string form, int statusTarget, IReadOnlyDictionary<string, string> fields)
    {
        var shown = Snackbars.Count;
        IRenderedComponent<IComponent> page = form == MalformedForms.Status
            ? Render<PledgeStatusPage>(p => p.Add(x => x.Id, statusTarget))
            : Render<NewPledgePage>();
        var prefix = form == MalformedForms.Status ? "status-" : "pledge-";
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"#{prefix}source")));
        try
        {
            foreach (var (field, value) in fields)
            {
                var id = prefix + field.ToLowerInvariant();
                if (Selects.Contains(id)) await ChooseAsync(page, id, value);
                else Type(page, id, value);
            }
            Click(page, form == MalformedForms.Status ? "Change the status" : "Enter the pledge");
            page.WaitForAssertion(() => Assert.True(Snackbars.Count > shown || FieldErrors(page).Count > 0 || page.FindAll(".form-error, .conflict-box").Count > 0));
            return Snackbars.Count > shown ? (FormOutcome.Accepted, Snackbars[^1])
                : FieldErrors(page).Count > 0 || page.FindAll(".form-error").Count > 0 ? (FormOutcome.RefusedWithMessage, string.Join(" | ", FieldErrors(page)))
                : (FormOutcome.RefusedSilently, "");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (FormOutcome.ServerError, e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            page.Dispose();
        }
    }
}
