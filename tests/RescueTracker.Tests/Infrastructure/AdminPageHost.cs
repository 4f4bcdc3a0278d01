using System.Runtime.CompilerServices;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// Renders an admin page the way AdminLayout hosts it in a circuit (MudBlazor's popover, dialog and snackbar
/// providers beside it) and works its MudBlazor form fields by their visible labels, as a person would.
/// </summary>
public static class AdminPageHost
{
    private static readonly ConditionalWeakTable<BunitContext, IRenderedComponent<IComponent>> Providers = new();
    private static readonly ConditionalWeakTable<object, IRenderedComponent<IComponent>> ProvidersOf = new();

    /// <summary>Renders the page; the first page of a test also gets the providers, which MudBlazor allows once per circuit.</summary>
    public static IRenderedComponent<TPage> RenderPage<TPage>(this BunitContext context, params (string Name, object? Value)[] parameters)
        where TPage : IComponent
    {
        var withProviders = !Providers.TryGetValue(context, out var providers);
        var host = context.Render(builder =>
        {
            if (withProviders)
            {
                builder.OpenComponent<MudPopoverProvider>(0);
                builder.CloseComponent();
                builder.OpenComponent<MudDialogProvider>(1);
                builder.CloseComponent();
                builder.OpenComponent<MudSnackbarProvider>(2);
                builder.CloseComponent();
            }
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters) builder.AddAttribute(4, name, value);
            builder.CloseComponent();
        });
        if (withProviders) Providers.Add(context, providers = host);
        var page = host.FindComponent<TPage>();
        ProvidersOf.Add(page, providers!);
        return page;
    }

    /// <summary>The input a label names (MudBlazor ties them with <c>for</c>).</summary>
    public static IElement Input<T>(this IRenderedComponent<T> page, string label) where T : IComponent
    {
        var id = Label(page, label).GetAttribute("for") ?? throw new InvalidOperationException($"The label '{label}' names no input.");
        return page.Find($"[id='{id}']");
    }

    /// <summary>Types into a field: a change event, or input events for a debounced search box (which listens to nothing else).</summary>
    public static Task FillAsync<T>(this IRenderedComponent<T> page, string label, string value) where T : IComponent
    {
        var input = page.Input(label);
        return input.HasAttribute("blazor:onchange")
            ? input.ChangeAsync(new ChangeEventArgs { Value = value })
            : input.InputAsync(new ChangeEventArgs { Value = value });
    }

    public static async Task FillAsync<T>(this IRenderedComponent<T> page, IReadOnlyDictionary<string, string> fields) where T : IComponent
    {
        foreach (var (label, value) in fields) await page.FillAsync(label, value);
    }

    /// <summary>Opens a MudSelect by its label and clicks the option with that text.</summary>
    public static async Task ChooseAsync<T>(this IRenderedComponent<T> page, string label, string option) where T : IComponent
    {
        var control = Label(page, label).Closest(".mud-input-control") ?? throw new InvalidOperationException($"'{label}' is not a MudBlazor field.");
        await control.MouseDownAsync(new MouseEventArgs());
        // The options open in the popover provider, beside the page rather than inside it.
        if (!ProvidersOf.TryGetValue(page, out var host)) throw new InvalidOperationException("Render the page with RenderPage.");
        var item = host.WaitForElements(".mud-popover-open .mud-list-item")
            .SingleOrDefault(i => i.TextContent.Trim() == option)
            ?? throw new InvalidOperationException($"'{label}' offers no '{option}'.");
        await item.ClickAsync(new MouseEventArgs());
    }

    /// <summary>
    /// Clicks a button that asks for confirmation in a MudDialog, then the dialog's button. The first click's handler waits
    /// for the dialog's answer, so it is awaited only after the answer is given (awaiting it first would hang).
    /// </summary>
    public static async Task ConfirmAsync<T>(this IRenderedComponent<T> page, Func<Task> click, string answer) where T : IComponent
    {
        if (!ProvidersOf.TryGetValue(page, out var host)) throw new InvalidOperationException("Render the page with RenderPage.");
        var clicked = click();
        var button = host.WaitForElements(".mud-dialog button").SingleOrDefault(b => b.TextContent.Trim() == answer)
            ?? throw new InvalidOperationException($"The dialog has no '{answer}' button.");
        await button.ClickAsync(new MouseEventArgs());
        await clicked;
    }

    /// <summary>The message shown under a field, or null.</summary>
    public static string? ErrorBeside<T>(this IRenderedComponent<T> page, string label) where T : IComponent =>
        Label(page, label).Closest(".mud-input-control")?.QuerySelector(".mud-input-error.mud-input-helper-text")?.TextContent.Trim();

    /// <summary>
    /// Clicks the button once the page shows it, found again and clicked in one turn of the renderer: a render in between
    /// (the page's data arriving) would retire the handler of the button found before it.
    /// </summary>
    public static Task ClickButtonAsync<T>(this IRenderedComponent<T> page, string text) where T : IComponent
    {
        IElement? Find() => page.FindAll("button").SingleOrDefault(b => b.TextContent.Trim() == text);
        Rendered(page, Find, () => $"No button '{text}'.");
        return page.InvokeAsync(() => Find()!.ClickAsync(new MouseEventArgs()));
    }

    /// <summary>Texts of the snackbars on screen now (each closes by itself after a few seconds).</summary>
    public static IReadOnlyList<string> Snackbars(this BunitContext context) =>
        context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    public static string Path(this BunitContext context) =>
        new Uri(context.Services.GetRequiredService<NavigationManager>().Uri).PathAndQuery;

    private static IElement Label<T>(IRenderedComponent<T> page, string label) where T : IComponent =>
        Rendered(page, () => page.FindAll("label").SingleOrDefault(l => l.TextContent.Trim() == label),
            () => $"No label '{label}'. Labels: {string.Join(" | ", page.FindAll("label").Select(l => l.TextContent.Trim()))}");

    /// <summary>
    /// The element once the page shows it. A page loads its data after the first render; on SQLite the load completes
    /// before Render returns, on PostgreSQL (a server round trip) a moment later.
    /// </summary>
    private static IElement Rendered<T>(IRenderedComponent<T> page, Func<IElement?> find, Func<string> missing) where T : IComponent
    {
        IElement? found = null;
        try
        {
            page.WaitForState(() => (found = find()) is not null, TimeSpan.FromSeconds(10));
        }
        catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
        {
            throw new InvalidOperationException(missing());
        }
        return found!;
    }
}
