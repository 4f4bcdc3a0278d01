using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts.Cli;

/// <summary>
/// <c>create-admin</c> and <c>create-api-key</c>: run instead of the web server when named first on the
/// command line. They read the same configuration as the app (appsettings, environment, ASPNETCORE_ENVIRONMENT),
/// apply pending migrations, and leave the seed to the app's first start (it loads whenever the database holds
/// no rescue yet). Logs go to standard error; standard output carries only results (the key on its last line).
/// </summary>
public static class AdminCli
{
    private const string Usage = """
        Usage:
          RescueTracker create-admin --email EMAIL [--name "DISPLAY NAME"]     (password: one line on standard input)
          RescueTracker create-api-key --email EMAIL --name NAME
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "create-admin" or "create-api-key";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (!CliArguments.TryParse(args.Skip(1), out var options, out var problem))
        {
            await error.WriteLineAsync($"{problem}\n{Usage}");
            return 64;
        }
        try
        {
            await using var app = BuildHost();
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<RescueDbContext>();
            await db.MigrateAsync(CancellationToken.None);
            await db.EnsureRolesAsync(CancellationToken.None);
            return args[0] switch
            {
                "create-admin" => await CreateAdminAsync(services, options, input, error),
                _ => await CreateApiKeyAsync(services, options, output, error),
            };
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextReader input, TextWriter error)
    {
        if (!options.TryGetValue("email", out var email) || options.Keys.Any(k => k is not ("email" or "name")))
            return await FailAsync(error, "create-admin needs --email EMAIL (and optionally --name NAME).\n" + Usage, 64);
        if (AccountInput.CheckEmail(email) is { } emailProblem) return await FailAsync(error, emailProblem, 1);

        var password = PasswordInput.ReadLine(input, error);
        if (password is null) return await FailAsync(error, "No password: give it as one line on standard input.", 1);

        var accounts = services.GetRequiredService<AccountService>();
        var result = await accounts.CreateUserAsync(Actor.CommandLine, email, options.GetValueOrDefault("name"), AdminRoles.Admin, password, CancellationToken.None);
        if (!result.Succeeded) return await FailAsync(error, result.ToString(), 1);
        await error.WriteLineAsync($"Created admin {email}. Sign in at /admin/login.");
        return 0;
    }

    private static async Task<int> CreateApiKeyAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("name", out var name) || options.Count != 2)
            return await FailAsync(error, "create-api-key needs --email EMAIL and --name NAME.\n" + Usage, 64);
        var user = await services.GetRequiredService<UserManager<AdminUser>>().FindByEmailAsync(email);
        if (user is null) return await FailAsync(error, $"No account for {email}: create it first (create-admin, or the users page).", 1);

        var (result, key) = await services.GetRequiredService<AccountService>().CreateApiKeyAsync(Actor.CommandLine, user.Id, name, CancellationToken.None);
        if (!result.Succeeded || key is null) return await FailAsync(error, result.ToString(), 1);
        await error.WriteLineAsync($"API key '{key.Name}' ({key.Prefix}...) for {email}. It is shown once, on the next line; store it now.");
        await output.WriteLineAsync(key.Key);
        return 0;
    }

    /// <summary>The app's own configuration and registrations for data and accounts; no web server, no background services.</summary>
    private static WebApplication BuildHost()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRescueDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddAdminIdentity();
        return builder.Build();
    }

    private static async Task<int> FailAsync(TextWriter error, string message, int code)
    {
        await error.WriteLineAsync($"error: {message}");
        return code;
    }
}
