using RescueTracker.Features.Seed;
using RescueTracker.Hosting;

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
