using System.Net;
using System.Net.Sockets;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>Loopback ports for servers a test starts as processes (which cannot report an ephemeral port back).</summary>
internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
