using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.TestUtilities;

/// <summary>What a <see cref="RawFaultServer"/> does with every connection, below HTTP.</summary>
public enum RawFault
{
    /// <summary>Reads the request and answers with a TLS alert record, as a TLS-only port does to plain HTTP.</summary>
    TlsAlert,

    /// <summary>Reads the request and answers with an HTTP/2 SETTINGS frame, as an HTTP/2-only (prior knowledge) server does.</summary>
    Http2Frame,

    /// <summary>Reads the request and answers with the HTTP/2 connection preface.</summary>
    Http2Preface,

    /// <summary>Reads the request and closes the connection without a byte.</summary>
    CloseWithoutAnswer,

    /// <summary>Reads the request, sends <c>100 Continue</c>, then closes.</summary>
    InterimThenClose,

    /// <summary>Reads the request and resets the connection (RST).</summary>
    Reset,

    /// <summary>Reads the request and answers with a line that is not an HTTP status line.</summary>
    NotHttp,
}

/// <summary>
/// A TCP listener on 127.0.0.1 (a free port) that answers every connection the same wrong way, for the transport
/// failures an HTTP server cannot produce. For the live client's own tests only.
/// </summary>
public sealed class RawFaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly RawFault _fault;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RawFaultServer(RawFault fault)
    {
        _fault = fault;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Root => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static RawFaultServer Start(RawFault fault) => new(fault);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                // One read is enough: the request is small, and what follows does not depend on it.
                _ = await stream.ReadAtLeastAsync(buffer, 1, throwOnEndOfStream: false, _stop.Token);
                switch (_fault)
                {
                    case RawFault.TlsAlert:
                        // TLS 1.2 record, alert, level fatal (2), unexpected_message (10).
                        await stream.WriteAsync(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0A }, _stop.Token);
                        break;
                    case RawFault.Http2Frame:
                        // A SETTINGS frame (length 0, type 4, no flags, stream 0), then GOAWAY with PROTOCOL_ERROR.
                        await stream.WriteAsync(new byte[] { 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, _stop.Token);
                        break;
                    case RawFault.Http2Preface:
                        await stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), _stop.Token);
                        break;
                    case RawFault.CloseWithoutAnswer:
                        break;
                    case RawFault.InterimThenClose:
                        await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await Task.Delay(100, _stop.Token);
                        break;
                    case RawFault.Reset:
                        client.Client.LingerState = new LingerOption(true, 0);
                        break;
                    case RawFault.NotHttp:
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), _stop.Token);
                        break;
                }

                await stream.FlushAsync(_stop.Token);
                await Task.Delay(50, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }
}
