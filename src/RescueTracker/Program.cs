using RescueTracker.Features.Admin.Accounts.Cli;
using RescueTracker.Features.Backup;
using RescueTracker.Features.Seed;
using RescueTracker.Features.Verify;
using RescueTracker.Hosting;

// create-admin and create-api-key run instead of the web server and exit.
if (AdminCli.Handles(args)) return await AdminCli.RunAsync(args, Console.In, Console.Out, Console.Error);
// backup and restore likewise, on the database the app's configuration names.
if (BackupCli.Handles(args)) return await BackupCli.RunAsync(args, Console.Out, Console.Error);
// verify re-counts a chain's inflows from a node and compares them with that database, read-only.
if (VerifyCli.Handles(args)) return await VerifyCli.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddRescueTracker();
var app = builder.Build();
app.UseRescueTracker();

try
{
    await app.RunAsync();
    return 0;
}
catch (SeedFileException e)
{
    // A bad seed file stops start-up before anything is written or served.
    app.Logger.LogCritical("{Message}", e.Message);
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

public partial class Program;
