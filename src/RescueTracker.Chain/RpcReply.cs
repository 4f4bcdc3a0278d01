using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>What a node's HTTP 200 reply holds, judged before anyone parses it for its result.</summary>
public enum RpcReplyKind
{
    /// <summary>A JSON-RPC answer (a result, or an error that is not about load).</summary>
    Answer,

    /// <summary>A JSON-RPC error saying the provider is rate limiting: worth a retry after a wait.</summary>
    RateLimited,

    /// <summary>Not JSON at all, or cut off: a proxy's page or a dropped connection. Worth a retry.</summary>
    Broken,
}

/// <summary>
/// Looks at a buffered reply body the way a retry handler must: cheaply, without building a
/// document of a 100,000-log answer, and reading provider wording the same way
/// <see cref="LogRangeAdvice"/> does.
/// </summary>
public static class RpcReply
{
    /// <summary>How much of a reply body a message quotes.</summary>
    public const int ExcerptLength = 500;

    /// <summary>The start of a body as text, for logs and errors; cut at a character boundary when long.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body[..Math.Min(body.Length, ExcerptLength * 4)]);
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }

    public static RpcReplyKind Classify(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read()) return RpcReplyKind.Broken;
            var kind = RpcReplyKind.Answer;
            if (reader.TokenType == JsonTokenType.StartObject) kind = ReadObject(ref reader);
            else reader.Skip();
            // Whatever follows the value must be nothing: a second value means a garbled body.
            return reader.Read() ? RpcReplyKind.Broken : kind;
        }
        catch (JsonException)
        {
            return RpcReplyKind.Broken;
        }
    }

    /// <summary>The JSON-RPC error's message in a reply body, if it holds one.</summary>
    public static string? ErrorMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                   && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The "method" of a JSON-RPC request body, for messages; "rpc" when it has none.</summary>
    public static string MethodOf(ReadOnlySpan<byte> request)
    {
        var reader = new Utf8JsonReader(request);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("method"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.String)
                    return reader.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not ours to judge here; the node will refuse it.
        }
        return "rpc";
    }

    private static RpcReplyKind ReadObject(ref Utf8JsonReader reader)
    {
        var kind = RpcReplyKind.Answer;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isError = reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError && reader.TokenType == JsonTokenType.StartObject && IsRateLimitError(ref reader)) kind = RpcReplyKind.RateLimited;
            else reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("The reply object is not closed.");
        return kind;
    }

    private static bool IsRateLimitError(ref Utf8JsonReader reader)
    {
        var limited = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "code" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var code) && code == 429) limited = true;
            else if (name == "message" && reader.TokenType == JsonTokenType.String && ProviderRefusals.IsRateLimit(reader.GetString()!)) limited = true;
            else reader.Skip();
        }
        return limited;
    }
}
