using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// Writers entering pledges through the admin API as fast as the app answers: each creates a proposed
/// pledge, then commits it with a status change, and records every write the app acknowledged (2xx).
/// A writer stops when the app goes away (a kill) or when told to.
/// </summary>
internal sealed class AdminWriteLoad(HttpClient client, string label)
{
    private readonly ConcurrentBag<int> _created = [];
    private readonly ConcurrentBag<int> _committed = [];
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _attempts;
    private int _first;

    /// <summary>Every pledge the load enters has a pledger named with this prefix.</summary>
    public string Label => label;

    public int Attempts => Volatile.Read(ref _attempts);
    public int Acknowledged => _created.Count + _committed.Count;

    /// <summary>Answers that were neither 2xx nor a transport failure: none are expected.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Completed at the first acknowledged write.</summary>
    public TaskCompletionSource FirstAcknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The acknowledged writes so far: pledges created, and pledges whose change to committed was acknowledged.</summary>
    public Acknowledgements Snapshot() => new([.. _created], [.. _committed]);

    public Task RunAsync(int writers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(1, writers).Select(w => Task.Run(() => WriteAsync(w, stop), CancellationToken.None)));

    private async Task WriteAsync(int writer, CancellationToken stop)
    {
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            var created = await SendAsync(HttpMethod.Post, "/api/admin/pledges", new
            {
                pledger = $"{label} w{writer} #{i}", amount = "1", asset = "ETH", status = "proposed", terms = "grant",
                termsNote = (string?)null, governanceUrl = (string?)null, source = "https://example.org/drill", announced = "2026-04-27",
                senders = Array.Empty<string>(),
            }, stop);
            if (created is not { } pledge) return;
            var id = pledge.GetProperty("id").GetInt32();
            Acknowledge(_created, id);
            var status = await SendAsync(HttpMethod.Post, $"/api/admin/pledges/{id}/status",
                new { status = "committed", reason = "The vote passed.", source = "https://example.org/vote" }, stop);
            if (status is null) return;
            Acknowledge(_committed, id);
        }
    }

    /// <returns>The answer's JSON when acknowledged; null when the app is gone or the load is stopped.</returns>
    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, object body, CancellationToken stop)
    {
        Interlocked.Increment(ref _attempts);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            using var response = await client.SendAsync(request, stop);
            var text = await response.Content.ReadAsStringAsync(stop);
            if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();
            _unexpected.Enqueue($"{method} {path}: {(int)response.StatusCode} {text}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The app was killed, or the load stopped: this write is unanswered, and may or may not be stored.
            return null;
        }
    }

    private void Acknowledge(ConcurrentBag<int> into, int id)
    {
        into.Add(id);
        if (Interlocked.Exchange(ref _first, 1) == 0) FirstAcknowledged.TrySetResult();
    }
}

internal sealed record Acknowledgements(IReadOnlyList<int> Created, IReadOnlyList<int> Committed)
{
    public int Count => Created.Count + Committed.Count;
}

/// <summary>What a database file holds of an <see cref="AdminWriteLoad"/>, read the way the next start would find it.</summary>
internal sealed record LoadOnDisk(string Integrity, IReadOnlyList<string> Lost, IReadOnlyList<string> HalfWritten, int Pledges)
{
    public bool Whole => Integrity == "ok" && Lost.Count == 0 && HalfWritten.Count == 0;

    public override string ToString() =>
        $"integrity {Integrity}, {Pledges} pledges, {Lost.Count} lost ({string.Join("; ", Lost.Take(5))}), "
        + $"{HalfWritten.Count} half-written ({string.Join("; ", HalfWritten.Take(5))})";

    /// <summary>
    /// <c>PRAGMA integrity_check</c>; every acknowledged create present with its first status and its audit row;
    /// every acknowledged status change present as status, history and audit row; and no pledge of the load
    /// (acknowledged or not) stored without its history and audit, or committed without its status audit.
    /// </summary>
    public static async Task<LoadOnDisk> ReadAsync(string path, string label, Acknowledgements acknowledged)
    {
        // Read-write, as the next start opens it: a read-only connection would leave an empty WAL beside the file.
        string integrity;
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            integrity = (string)(await command.ExecuteScalarAsync())!;
        }

        var options = new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite($"Data Source={path};Pooling=False").Options;
        await using var db = new RescueDbContext(options);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.Pledger!.Name.StartsWith(label))
            .Select(p => new { p.Id, p.Status, History = p.History.Select(h => h.To).ToList() }).ToDictionaryAsync(p => p.Id);
        var audited = (await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "pledge" && a.EntityLabel.StartsWith(label))
                .Select(a => new { a.Action, a.EntityId }).ToListAsync())
            .ToLookup(a => int.Parse(a.EntityId, System.Globalization.CultureInfo.InvariantCulture), a => a.Action);

        var lost = new List<string>();
        foreach (var id in acknowledged.Created)
        {
            if (!pledges.ContainsKey(id)) lost.Add($"pledge {id} created");
            else if (!audited[id].Contains("pledge.create")) lost.Add($"pledge {id}: its create audit");
        }
        foreach (var id in acknowledged.Committed)
        {
            if (!pledges.TryGetValue(id, out var p) || p.Status != PledgeStatus.Committed) lost.Add($"pledge {id} committed");
            else if (!audited[id].Contains("pledge.status")) lost.Add($"pledge {id}: its status audit");
        }

        var half = new List<string>();
        foreach (var p in pledges.Values)
        {
            if (p.History.Count == 0 || !audited[p.Id].Contains("pledge.create")) half.Add($"pledge {p.Id} without its history or create audit");
            if (p.Status == PledgeStatus.Committed && (!audited[p.Id].Contains("pledge.status") || !p.History.Contains(PledgeStatus.Committed)))
                half.Add($"pledge {p.Id} committed without its status history or audit");
            if (p.Status == PledgeStatus.Proposed && audited[p.Id].Contains("pledge.status"))
                half.Add($"pledge {p.Id} has a status audit but is still proposed");
        }
        foreach (var orphan in audited.Select(g => g.Key).Where(id => !pledges.ContainsKey(id)))
            half.Add($"audit rows for pledge {orphan}, which is not stored");
        return new LoadOnDisk(integrity, lost, half, pledges.Count);
    }
}
