using System.Threading.Channels;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Token transfers handed from the reader to the range's transaction while the node's reply is
/// still arriving. Rows come in attempts, one per eth_getLogs request: a request that fails after
/// some of its rows were stored (a reply cut off, an error after a result) is undone to its
/// savepoint, so only replies read whole and well-formed leave rows behind. Bounded, so a read
/// running ahead of the store holds at most <see cref="Capacity"/> batches in memory.
/// </summary>
public sealed class TransferStream
{
    public const int Capacity = 64;

    internal enum Mark { Begin, Rows, Succeeded, Failed }

    internal readonly record struct Item(Mark Mark, IReadOnlyList<ObservedTransfer>? Rows);

    private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<Item> Reader => _channel.Reader;

    public ValueTask BeginAttemptAsync(CancellationToken ct) => _channel.Writer.WriteAsync(new Item(Mark.Begin, null), ct);

    public ValueTask WriteAsync(IReadOnlyList<ObservedTransfer> rows, CancellationToken ct) =>
        rows.Count == 0 ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(new Item(Mark.Rows, rows), ct);

    public async ValueTask EndAttemptAsync(bool succeeded, CancellationToken ct)
    {
        try
        {
            await _channel.Writer.WriteAsync(new Item(succeeded ? Mark.Succeeded : Mark.Failed, null), succeeded ? ct : CancellationToken.None);
        }
        catch (ChannelClosedException) when (!succeeded)
        {
            // The store gave up first; it undoes the whole range anyway.
        }
    }

    /// <summary>No more rows: the read ended, or the store stopped taking them.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}

/// <summary>One range being read in the background, its token transfers flowing into <see cref="Stream"/>.</summary>
public sealed class RangeRead
{
    private readonly CancellationTokenSource _cancel;

    private RangeRead(long from, long to, CancellationToken ct, TransferStream? stream = null)
    {
        From = from;
        To = to;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Stream = stream ?? new TransferStream();
    }

    public long From { get; }
    public long To { get; }
    public TransferStream Stream { get; }

    /// <summary>Everything else the range holds (headers, native transfers), once the whole range was read.</summary>
    public Task<ScannedRange> Completion { get; private set; } = null!;

    public static RangeRead Start(ChainReader reader, ChainWatch watch, long from, long to, bool useTraces, long keepHeadersFrom, CancellationToken ct)
    {
        var read = new RangeRead(from, to, ct);
        // On a pool thread: decoding the reply runs beside the inserts, not between them.
        read.Completion = Task.Run(async () =>
        {
            try
            {
                return await reader.ReadAsync(watch, from, to, useTraces, keepHeadersFrom, read._cancel.Token, read.Stream);
            }
            finally
            {
                read.Stream.Complete();
            }
        }, CancellationToken.None);
        return read;
    }

    /// <summary>A range whose transfers someone else writes into <paramref name="stream"/> (tests drive the store this way).</summary>
    /// <summary>A range already read whole (its transfers in hand, nothing to stream), stored like any other.</summary>
    public static RangeRead Of(ScannedRange range)
    {
        var stream = new TransferStream();
        stream.Complete();
        return FromStream(range.From, range.To, stream, Task.FromResult(range));
    }

    internal static RangeRead FromStream(long from, long to, TransferStream stream, Task<ScannedRange> completion) =>
        new(from, to, CancellationToken.None, stream) { Completion = completion };

    /// <summary>Stops the read (its outcome no longer matters) and waits for it to end.</summary>
    public async Task AbandonAsync()
    {
        await _cancel.CancelAsync();
        Stream.Complete();
        await Completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
