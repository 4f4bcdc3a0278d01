using System.Text.Json;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Tests.Features.Sharing;

/// <summary>A parsed entry as a feed reader sees it.</summary>
internal sealed record ParsedEntry(string Id, string Title, string Link, string Updated, string Summary, IReadOnlyList<string> Links);

/// <summary>A feed as a feed reader sees it: bozo is set when the document is not well-formed or not valid Atom to the parser.</summary>
internal sealed record ParsedFeed(bool Bozo, string Error, string Version, string Title, IReadOnlyList<ParsedEntry> Entries);

/// <summary>Parses a feed with Debian's python3-feedparser, a reader real subscribers use, run as its own process.</summary>
internal static class FeedParser
{
    /// <summary>Debian's own interpreter, where the Debian package installs the module (not a python3 found earlier on PATH).</summary>
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys, feedparser
        d = feedparser.parse(open(sys.argv[1], "rb").read())
        print(json.dumps({
            "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version, "title": d.feed.get("title", ""),
            "entries": [{"id": e.id, "title": e.title, "link": e.link, "updated": e.updated, "summary": e.summary,
                         "links": [l.href for l in e.links]} for e in d.entries]}))
        """;

    public static async Task<ParsedFeed> ParseAsync(byte[] feed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.atom");
        await File.WriteAllBytesAsync(path, feed);
        try
        {
            var run = await ToolProcess.RunAsync(Python, ["-c", Script, path], Path.GetTempPath(), TimeSpan.FromMinutes(2));
            Assert.True(run.ExitCode == 0, $"feedparser failed (is python3-feedparser installed?):\n{run.Output}");
            var json = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
            return new ParsedFeed(json.GetProperty("bozo").GetBoolean(), json.GetProperty("error").GetString()!, json.GetProperty("version").GetString()!,
                json.GetProperty("title").GetString()!,
                json.GetProperty("entries").EnumerateArray().Select(e => new ParsedEntry(
                    e.GetProperty("id").GetString()!, e.GetProperty("title").GetString()!, e.GetProperty("link").GetString()!,
                    e.GetProperty("updated").GetString()!, e.GetProperty("summary").GetString()!,
                    e.GetProperty("links").EnumerateArray().Select(l => l.GetString()!).ToList())).ToList());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
