using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Webhooks;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>How one <see cref="TestApp"/> differs from the app as shipped; every property has the shipped default.</summary>
public sealed record TestAppOptions
{
    /// <summary>A seed file's text; null means the shipped seed.</summary>
    public string? SeedJson { get; init; }

    /// <summary>A seed file already on disk (kept by its owner); ignored when <see cref="SeedJson"/> is set.</summary>
    public string? SeedPath { get; init; }

    /// <summary>A database the caller owns and deletes, e.g. to start two apps on one in turn; null: one of its own (on the run's provider).</summary>
    public TestDatabase? Database { get; init; }

    /// <summary>Configuration the app reads as if from appsettings (keys with ':').</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>False removes the background reconciler loop, so a test writes scan state and transfers itself.</summary>
    public bool ReconcilerLoop { get; init; } = true;

    /// <summary>True keeps the webhook dispatcher's loop; off by default, so only a test about webhooks sends any.</summary>
    public bool WebhookLoop { get; init; }

    /// <summary>
    /// True keeps the data-version poll's loop, which looks for other instances' writes every second; off by default:
    /// one instance's writes refresh its own figures, and a test counting the queries a request runs would count the
    /// poll's read too when it fell between them.
    /// </summary>
    public bool VersionPollLoop { get; init; }

    /// <summary>Sign-in form POSTs per client address and minute, and failed sign-ins per address before delays; high by default so sign-in tests never trip them.</summary>
    public int SignInPermitLimit { get; init; } = 10_000;

    /// <summary>Keeps only the app's errors in the test output (a drill's thousands of retries would bury them).</summary>
    public bool Quiet { get; init; }

    /// <summary>Serves on Kestrel on a free loopback port as well; <see cref="TestApp.LoopbackClient"/> reaches it.</summary>
    public bool Kestrel { get; init; }

    /// <summary>More service changes, applied after the host's own.</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The one test host: the real app in memory (or on loopback Kestrel) on a database of its own (a SQLite file, or a
/// fresh PostgreSQL database in the POSTGRESQL build: <see cref="TestDatabase"/>), configured
/// by <see cref="TestAppOptions"/>. It is reached as if from a loopback client (as behind a local proxy); a
/// request may pose as another client address with <see cref="ClientAddressHeader"/>. Every JSON-RPC request
/// of a reconciler passes <see cref="Faults"/>, every SQL reader command is counted in <see cref="Commands"/>,
/// and every output-cache store is recorded in <see cref="Stored"/>. Accounts and keys are made through the
/// app's own <see cref="AccountService"/>, so they are hashed and audited as in production.
/// xunit builds it as a class fixture through the parameterless constructor (the shipped app);
/// <see cref="AppFixture{TProfile}"/> builds it from a profile.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Every account a test makes has this password.</summary>
    public const string Password = "correct horse battery staple";

    private readonly TestAppOptions _options;
    private readonly bool _ownsDatabase;
    private readonly string? _seedFile;
    private readonly SemaphoreSlim _keysGate = new(1, 1);
    private readonly Dictionary<string, string> _keysByRole = new(StringComparer.Ordinal);

    public TestApp() : this(new TestAppOptions())
    {
    }

    // Internal, not public: xunit builds a class fixture only through a type's single public constructor.
    internal TestApp(TestAppOptions options)
    {
        _options = options;
        _ownsDatabase = options.Database is null;
        Database = options.Database ?? TestDatabase.Create();
        if (options.SeedJson is not null)
        {
            _seedFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rescuetracker-test-seed-{Guid.NewGuid():N}.json");
            File.WriteAllText(_seedFile, options.SeedJson);
        }
        SeedPath = _seedFile ?? options.SeedPath;
        if (options.Kestrel) UseKestrel(0);
    }

    /// <summary>A started app on a test seed; <paramref name="quiet"/> keeps only the app's errors in the output.</summary>
    public static TestApp OnSeed(TestSeed seed, bool quiet = false) =>
        new TestApp(new TestAppOptions { SeedJson = seed.ToJson(), Quiet = quiet }).Started();

    public TestDatabase Database { get; }

    /// <summary>The seed file the app starts on; null is the shipped seed.</summary>
    public string? SeedPath { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Lets a test break the reconcilers' RPC traffic at a chosen request.</summary>
    public RpcFaults Faults { get; } = new();

    public CommandCounter Commands { get; } = new();

    /// <summary>What the app stored in the output cache, in order; lock it to read.</summary>
    public List<(string Key, string[] Tags, TimeSpan ValidFor)> Stored { get; } = [];

    /// <summary>Builds and starts the host (migrating and seeding the database) if it has not started yet.</summary>
    public TestApp Started()
    {
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(DatabaseProviders.SettingName, Database.ProviderSetting);
        builder.UseSetting("ConnectionStrings:RescueTracker", Database.ConnectionString);
        if (SeedPath is not null) builder.UseSetting("Seed:Path", SeedPath);
        builder.UseSetting("Admin:SignInRateLimit:PermitLimit", _options.SignInPermitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Admin:SignInRateLimit:AddressFreeFailures", _options.SignInPermitLimit.ToString(CultureInfo.InvariantCulture));
        if (_options.Quiet) builder.UseSetting("Logging:LogLevel:RescueTracker", "Error");
        foreach (var (key, value) in _options.Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(ChainReconcilerFactory.HttpClientName).AddHttpMessageHandler(() => new RpcFaultHandler(Faults));
            services.ConfigureDbContext<RescueDbContext>(options => options.AddInterceptors(Commands), ServiceLifetime.Singleton);
            RecordingOutputCacheStore.Install(services, Stored);
            if (!_options.ReconcilerLoop)
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ReconcilerService)));
            if (!_options.WebhookLoop)
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(WebhookService)));
            if (!_options.VersionPollLoop)
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DataVersionPoll)));
            _options.Services?.Invoke(services);
        });
    }

    /// <summary>A plain client for the Kestrel port (needs <see cref="TestAppOptions.Kestrel"/>); it never follows redirects.</summary>
    public HttpClient LoopbackClient()
    {
        if (!_options.Kestrel) throw new InvalidOperationException("This app was not started with Kestrel = true.");
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    // ---- The database -------------------------------------------------------------------------------------

    /// <summary>A context from the app's own factory (the host is started first).</summary>
    public RescueDbContext Db() => Started().Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContext();

    /// <summary>Writes through a context from the app's own factory, then refreshes the kept figures as every write path does.</summary>
    public async Task WriteAsync(Func<RescueDbContext, Task> write)
    {
        await using (var db = Db())
        {
            await write(db);
            await db.SaveChangesAsync();
        }
        await RefreshFiguresAsync();
    }

    /// <summary>What every admin write and ingested range does: refresh the figures, which empties the public cache.</summary>
    public async Task RefreshFiguresAsync() => await Services.GetRequiredService<FiguresService>().RefreshAsync();

    public RescueFigures Figures => Started().Services.GetRequiredService<FiguresService>().Current;

    // ---- Accounts and keys --------------------------------------------------------------------------------

    /// <summary>A new account with the role, made the way the admin pages make it (audit entry included); the email is unique per call.</summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, string? displayName = null, string password = Password)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@rescue.example";
        await using var scope = Started().Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(Actor.CommandLine, email, displayName, role, password, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return email;
    }

    /// <summary>A key for the account, as the API keys page or create-api-key makes it.</summary>
    public async Task<CreatedApiKey> CreateApiKeyAsync(string email, string name = "test key")
    {
        await using var scope = Started().Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RescueDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var (result, key) = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateApiKeyAsync(Actor.CommandLine, userId, name, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return key!;
    }

    /// <summary>One account and key per role for the whole app: made once, then reused.</summary>
    public async Task<string> KeyForRoleAsync(string role, string? displayName = null)
    {
        await _keysGate.WaitAsync();
        try
        {
            if (_keysByRole.TryGetValue(role, out var key)) return key;
            var email = await CreateUserAsync(role, displayName: displayName);
            return _keysByRole[role] = (await CreateApiKeyAsync(email, $"{role} script")).Key;
        }
        finally
        {
            _keysGate.Release();
        }
    }

    /// <summary>A client that never follows redirects, so a redirect to a sign-in page would show as one.</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A form client holding cookies, not following redirects.</summary>
    public FormClient FormClient() => new(CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A form client signed in through the sign-in form as a new account with the role.</summary>
    public async Task<FormClient> SignedInAsync(string role, string? displayName = null)
    {
        var email = await CreateUserAsync(role, displayName: displayName ?? $"Signed-in {role}");
        var client = FormClient();
        await client.SignInAsync(email);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) Database.Dispose();
        if (_seedFile is not null) File.Delete(_seedFile);
        _keysGate.Dispose();
    }

    /// <summary>Runs before the app's own pipeline, so forwarded headers and the rate limits see this address.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                // Kestrel requests keep their real (loopback) address unless they pose as another.
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address)) context.Connection.RemoteIpAddress = IPAddress.Parse(address!);
                else context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>A kind of <see cref="TestApp"/> a test class shares: its options, and data it writes once the app has started.</summary>
public interface IAppProfile
{
    TestAppOptions Options { get; }

    Task InitializeAsync(TestApp app) => Task.CompletedTask;
}

/// <summary>The xunit class fixture for a profiled app: <c>IClassFixture&lt;AppFixture&lt;PledgeList&gt;&gt;</c>.</summary>
public sealed class AppFixture<TProfile> : IAsyncLifetime where TProfile : IAppProfile, new()
{
    public TProfile Profile { get; } = new();

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TestApp(Profile.Options).Started();
        await Profile.InitializeAsync(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
