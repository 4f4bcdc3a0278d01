using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace RescueTracker.Benchmarks.Web;

/// <summary>
/// The benchmark's yardstick: Kestrel's own static file middleware over a temp folder, nothing else in
/// the pipeline. A file named <c>*.html.br</c> holds bytes already compressed with brotli (a copy of
/// what the app sent for a page) and goes out as HTML with <c>Content-Encoding: br</c>, so it is the
/// same bytes on the wire as the app's answer.
/// </summary>
public static class StaticServer
{
    public static async Task RunAsync(string root, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".br"] = "text/html; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                if (file.File.Name.EndsWith(".br", StringComparison.Ordinal))
                    file.Context.Response.Headers[HeaderNames.ContentEncoding] = "br";
            },
        });
        await app.RunAsync();
    }
}
