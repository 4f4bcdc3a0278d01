using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Hosting;

public sealed class HealthEndpointTests(AppFixture<HealthEndpointTests.Shipped> fixture) : IClassFixture<AppFixture<HealthEndpointTests.Shipped>>
{
    public sealed class Shipped : IAppProfile
    {
        public TestAppOptions Options => new();
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Health_endpoints_answer_get_and_head_and_refuse_every_other_method_with_405(string path)
    {
        using var client = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Post, HttpMethod.Patch })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent("") });
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task While_the_database_is_prepared_the_server_is_live_not_ready_and_asks_every_other_request_to_retry()
    {
        var hold = new StartupHold();
        await using var held = new TestApp(new TestAppOptions
        {
            Kestrel = true,
            ReconcilerLoop = false,
            // First of the hosted services: its StartedAsync runs, and holds, before the database initializer's.
            Services = services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => hold.Bind(sp.GetRequiredService<IServer>()))),
        });
        var starting = Task.Run(held.Started);
        using var client = new HttpClient { BaseAddress = await hold.Listening };

        try
        {
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, "/healthz/live"));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync(client, "/healthz/ready"));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await GetAsync(client, "/healthz"));
            foreach (var path in new[] { "/", "/api/summary", "/admin/login" })
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        finally
        {
            hold.Release();
        }
        await starting;

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, "/healthz/ready"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(client, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/summary")).StatusCode);
    }

    private static async Task<(HttpStatusCode, string)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A start-up step that tells where the server listens, then waits to be released.</summary>
    private sealed class StartupHold
    {
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Uri> Listening => _listening.Task;

        public void Release() => _released.TrySetResult();

        public IHostedService Bind(IServer server) => new Step(server, this);

        private sealed class Step(IServer server, StartupHold hold) : IHostedLifecycleService
        {
            public async Task StartedAsync(CancellationToken cancellationToken)
            {
                hold._listening.TrySetResult(new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()));
                await hold._released.Task.WaitAsync(cancellationToken);
            }

            public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
