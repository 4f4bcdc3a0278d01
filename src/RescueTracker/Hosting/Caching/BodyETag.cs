using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;

namespace RescueTracker.Hosting.Caching;

/// <summary>
/// Gives a response about to be stored in the output cache a strong ETag: a hash of its bytes as sent
/// (compressed), so two answers share an ETag only when they are byte for byte the same, whatever
/// evicted or expired in between. Sits between the output cache and compression: it holds the
/// compressed body until it is complete, sets the ETag and Content-Length, then passes it on to be
/// sent and stored. The output cache answers a matching If-None-Match with 304 from the stored entry.
/// </summary>
public static class BodyETag
{
    public static IApplicationBuilder UseBodyETags(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IOutputCacheFeature>() is not { Context.AllowCacheStorage: true })
        {
            await next(context);
            return;
        }

        var sending = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        var holding = new StreamResponseBodyFeature(buffer, sending);
        context.Features.Set<IHttpResponseBodyFeature>(holding);
        try
        {
            await next(context);
            await holding.CompleteAsync();
        }
        finally
        {
            context.Features.Set(sending);
        }

        var response = context.Response;
        if (!StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            response.Headers.CacheControl = PublicCacheAttribute.PrivateCacheControl;
        }
        else if (response.StatusCode == StatusCodes.Status200OK)
        {
            response.Headers.ETag = Of(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            response.ContentLength = buffer.Length;
        }
        // An error with no body yet stays unstarted, so the status code pages can still put theirs in.
        if (buffer.Length == 0) return;
        buffer.Position = 0;
        await buffer.CopyToAsync(sending.Stream, context.RequestAborted);
    });

    /// <summary>The first 128 bits of the SHA-256 of the bytes, quoted as an entity tag.</summary>
    public static string Of(ReadOnlySpan<byte> body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
}
