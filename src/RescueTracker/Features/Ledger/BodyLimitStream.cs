namespace RescueTracker.Features.Ledger;

/// <summary>
/// A request body read up to <c>limit</c> bytes of its own: the first read that would pass it throws the 413
/// <see cref="BadHttpRequestException"/> Kestrel throws for a Content-Length over its limit, having read at most one byte
/// more. Kestrel's own limit counts a chunked body's framing as well (see <see cref="AdminApiJson.MaxChunkedWireBytes"/>).
/// </summary>
internal sealed class BodyLimitStream(Stream body, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // One byte past the limit is enough to know the body is over it.
        var count = await body.ReadAsync(buffer[..(int)Math.Min(buffer.Length, limit + 1 - _read)], cancellationToken);
        return Counted(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        Counted(body.Read(buffer, offset, (int)Math.Min(count, limit + 1 - _read)));

    private int Counted(int count)
    {
        _read += count;
        if (_read > limit)
            throw new BadHttpRequestException($"Request body too large. The max request body size is {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
