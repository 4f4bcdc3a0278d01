using System.Net;
using System.Net.Sockets;

namespace RescueTracker.Tests.EndToEnd;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out; the app binds it a moment later.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
