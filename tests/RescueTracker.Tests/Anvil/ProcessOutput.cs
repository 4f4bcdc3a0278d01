namespace RescueTracker.Tests.Anvil;

/// <summary>The last lines a child process printed; bounded so a chatty node cannot fill memory.</summary>
internal sealed class ProcessOutput(int maxLines = 500)
{
    private readonly Queue<string> lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > maxLines) lines.Dequeue();
        }
    }

    public string Text
    {
        get
        {
            lock (lines) return string.Join('\n', lines);
        }
    }
}
