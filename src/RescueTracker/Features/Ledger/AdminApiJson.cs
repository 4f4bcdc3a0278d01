using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Features.Seed;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// Reads admin API bodies strictly, field by field (wrong types, missing and unknown fields are
/// errors keyed by the field's name), and turns command results into HTTP results.
/// </summary>
internal static class AdminApiJson
{
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    /// <summary>
    /// What a chunked body may take on the wire: Kestrel counts a chunked body's framing against the request size limit
    /// (the <c>RequestSizeLimit</c> of the group), which would refuse a chunked body of a few bytes under
    /// <see cref="MaxBodyBytes"/>. Every chunking of that many bytes fits in this (one byte a chunk is six bytes a byte);
    /// the body's own bytes are counted by <see cref="BodyLimitStream"/>.
    /// </summary>
    public const int MaxChunkedWireBytes = 8 * MaxBodyBytes;

    /// <summary>
    /// Parses the body and runs <paramref name="read"/>; on any problem returns a 400 instead, or a 413 for a body over
    /// <see cref="MaxBodyBytes"/> of its own bytes, however it is sent (never read past the limit: Kestrel refuses a
    /// longer Content-Length on the first read, and a chunked body is stopped at its first byte over; either way the
    /// connection is closed after the answer). A body that cannot be read at all is logged, once; field errors are the
    /// client's to read.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, Func<JsonFields, T> read, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(Body(request), Options, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TooLarge(request));
        }
        catch (JsonException e)
        {
            Logger(request).LogWarning("Refused {Method} {Path}: the body is not valid JSON ({Error})", request.Method, request.Path, e.Message);
            return (default, Invalid(new Dictionary<string, string[]> { ["body"] = [$"The body is not valid JSON: {e.Message}"] }));
        }
        using (document)
        {
            var errors = new List<SeedError>();
            // JsonDocument checks text only when it is read: a string or field name that is not valid UTF-8, or holds a
            // lone surrogate escape ("\ud800"), would throw out of the field reader and answer 500 instead of 400.
            if (FirstInvalidText(document.RootElement, "$") is { } bad)
            {
                errors.Add(new SeedError(bad, "The text is not valid Unicode: invalid UTF-8 or a lone surrogate escape."));
                return (default, Invalid(Keyed(errors)));
            }
            if (JsonFields.Open(document.RootElement, "$", errors) is not { } fields) return (default, Invalid(Keyed(errors)));
            var value = read(fields);
            fields.RejectUnknownFields();
            return errors.Count > 0 ? (default, Invalid(Keyed(errors))) : (value, null);
        }
    }

    /// <summary>
    /// The body to parse. One with a Content-Length is Kestrel's to limit; any other (chunked) is counted in its own
    /// bytes here, with Kestrel's limit, which counts the framing too, raised to <see cref="MaxChunkedWireBytes"/>.
    /// </summary>
    private static Stream Body(HttpRequest request)
    {
        if (request.ContentLength is not null) return request.Body;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxChunkedWireBytes;
        return new BodyLimitStream(request.Body, MaxBodyBytes);
    }

    private static IResult TooLarge(HttpRequest request)
    {
        // The rest of the body is not read, so the connection cannot carry another request.
        request.HttpContext.Response.Headers.Connection = "close";
        Logger(request).LogWarning("Refused {Method} {Path}: the body is over {Limit} bytes", request.Method, request.Path, MaxBodyBytes);
        return TypedResults.Problem(title: "The body is too large", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: $"The admin API reads bodies of at most {MaxBodyBytes} bytes; nothing was changed.");
    }

    private static ILogger Logger(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminApi).FullName!);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid",
            detail: "Nothing was changed. See errors, keyed by the field names as sent.");

    /// <summary>The HTTP answer for a command that did not succeed.</summary>
    public static IResult Failure<T>(CommandResult<T> result) => result.Outcome switch
    {
        CommandOutcome.Invalid => Invalid(result.Errors!.ByTopLevelField()),
        CommandOutcome.NotFound => TypedResults.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound,
            detail: "There is no such record."),
        CommandOutcome.Conflict => TypedResults.Problem(title: "Edited by someone else", statusCode: StatusCodes.Status409Conflict,
            detail: "The record changed since the version you sent; nothing was overwritten. Its current values are in 'current'.",
            extensions: new Dictionary<string, object?> { ["current"] = result.Current }),
        _ => throw new InvalidOperationException("Not a failure."),
    };

    /// <returns>The path of the first string or field name that cannot be read as text, or null. Depth is bounded by <see cref="Options"/>.</returns>
    private static string? FirstInvalidText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = "";
                    if (!Readable(() => name = property.Name)) return path;
                    if (FirstInvalidText(property.Value, $"{path}.{name}") is { } bad) return bad;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidText(item, $"{path}[{index++}]") is { } bad) return bad;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>"$.amount" and "$.senders[2]" become "amount" and "senders", as the client named them.</summary>
    private static Dictionary<string, string[]> Keyed(List<SeedError> errors) => errors
        .GroupBy(e => TopLevel(e.Path), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    private static string TopLevel(string path)
    {
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var end = field.IndexOfAny(['.', '[']);
        return end < 0 ? field : field[..end];
    }
}
