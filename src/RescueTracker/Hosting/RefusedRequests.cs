using Microsoft.AspNetCore.Mvc;

namespace RescueTracker.Hosting;

/// <summary>The answer to a request refused before it reached an endpoint: problem details, written directly.</summary>
public static class RefusedRequests
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        // Not re-executed as a page: a refused request gets this answer and nothing else of the app.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
