using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services, for rendering one component. JS interop is loose: MudBlazor's
/// components call into their script, which a component test does not run (browser tests do).
/// xunit 2 disposes through <see cref="IAsyncLifetime"/>: MudBlazor's key interceptor is only asynchronously disposable.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        // A wait is for a grid's debounced search or a query on a loaded machine, not a timing assertion:
        // bUnit's 1 s default failed under a busy CI host, 10 s still ends a test that never gets there.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected virtual Task InitializeAsync() => Task.CompletedTask;

    protected new virtual async Task DisposeAsync() => await base.DisposeAsync();

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
