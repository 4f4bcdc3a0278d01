using System.Security.Cryptography;
using System.Text;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// An exclusive lock shared by all processes on the machine, keyed by a folder. On Linux .NET
/// implements FileShare.None with flock, which the kernel releases if the holder dies.
/// The file lives in the temp folder so no lock file ever shows up in the working tree.
/// </summary>
internal sealed class CrossProcessLock : IAsyncDisposable
{
    private readonly FileStream stream;

    private CrossProcessLock(FileStream stream) => this.stream = stream;

    public static async Task<CrossProcessLock> AcquireAsync(string key, TimeSpan timeout)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"rescuetracker-tools-{name}.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
