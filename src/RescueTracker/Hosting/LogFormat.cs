using System.Text.Encodings.Web;
using System.Text.Json;

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
                // Quotes and non-ASCII text as they are: the lines go to a log collector, never into a page.
                options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
        else if (format is { Length: > 0 } && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Setting} is '{format}': it must be 'simple' or 'json'.");
        }
        return builder;
    }
}
