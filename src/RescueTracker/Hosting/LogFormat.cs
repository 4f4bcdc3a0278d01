namespace RescueTracker.Hosting;

/// <summary>
/// <c>LogFormat</c>: <c>simple</c> (the default, one readable line per entry) or <c>json</c> (one JSON object per line:
/// timestamp, level, category, message and the message's named values, for a log collector). A shorthand for the
/// framework's <c>Logging:Console:FormatterName</c>, with UTC ISO 8601 timestamps.
/// </summary>
public static class LogFormat
{
    public const string Setting = "LogFormat";

    public static WebApplicationBuilder AddLogFormat(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[Setting];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
        }
        else if (format is { Length: > 0 } && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Setting} is '{format}': it must be 'simple' or 'json'.");
        }
        return builder;
    }
}
