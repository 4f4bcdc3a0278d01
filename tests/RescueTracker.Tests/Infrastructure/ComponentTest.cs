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
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected virtual Task InitializeAsync() => Task.CompletedTask;

    protected new virtual async Task DisposeAsync() => await base.DisposeAsync();

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}
