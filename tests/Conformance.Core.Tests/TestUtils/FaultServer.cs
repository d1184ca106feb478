using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conformance.Core.Tests.TestUtils;

/// <summary>
/// An HTTP server on 127.0.0.1 (a free port) that answers like a compute endpoint, except for the image ids that
/// name a fault: <c>/v2.1/{project}/images/{fault}</c>. For the live client's own tests only.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    public const string Project = "p";
    private readonly WebApplication _app;
    private int _retryCount;

    private FaultServer(WebApplication app)
    {
        _app = app;
    }

    public string Root { get; private set; } = string.Empty;

    private readonly List<DateTimeOffset> _arrivals = [];
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    public int Requests => _requests;

    /// <summary>The most requests the server was handling at the same time.</summary>
    public int MaxInFlight => _maxInFlight;

    /// <summary>When each image request arrived.</summary>
    public IReadOnlyList<DateTimeOffset> Arrivals
    {
        get
        {
            lock (_arrivals)
            {
                return [.. _arrivals];
            }
        }
    }

    /// <param name="certificate">When given, the server speaks HTTPS with it.</param>
    public static async Task<FaultServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls(certificate is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0");
        if (certificate is not null)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        var app = builder.Build();
        var server = new FaultServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>A self-signed certificate for 127.0.0.1, as an untrusted server would present.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        if (path == "/")
        {
            await Json(response, 200, """{"versions": [{"id": "v2.1", "status": "CURRENT"}]}""");
            return;
        }

        var fault = path.Split('/').Last();
        lock (_arrivals)
        {
            _arrivals.Add(DateTimeOffset.UtcNow);
        }

        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            await Fault(context, fault);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task Fault(HttpContext context, string fault)
    {
        var response = context.Response;
        switch (fault)
        {
            case var slow when slow.StartsWith("slow", StringComparison.Ordinal):
                await Task.Delay(300);
                await Json(response, 404, """{"itemNotFound": {"code": 404, "message": "Image not found."}}""");
                break;
            case var big when big.StartsWith("big", StringComparison.Ordinal):
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = BigBody.Length;
                await response.Body.WriteAsync(BigBody, context.RequestAborted);
                break;
            case "html":
                response.ContentType = "text/html";
                await response.WriteAsync("<html><body>Welcome to nginx!</body></html>");
                break;
            case "truncated":
                await Json(response, 200, """{"image": {"id": "trunc""");
                break;
            case "empty":
                response.StatusCode = 200;
                response.ContentType = "application/json";
                break;
            case "invalid-utf8":
                response.ContentType = "application/json";
                await response.Body.WriteAsync(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D });
                break;
            case "huge":
                response.ContentType = "application/json";
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
                await response.Body.WriteAsync(Encoding.ASCII.GetBytes("{\"image\": {\"pad\": \""));
                for (var i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await response.Body.WriteAsync(chunk, context.RequestAborted);
                }

                break;
            case "drip":
                response.ContentType = "application/json";
                await response.Body.FlushAsync();
                for (var i = 0; i < 60 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await response.Body.WriteAsync(" "u8.ToArray(), context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(200, context.RequestAborted);
                }

                break;
            case "reset":
                response.ContentType = "application/json";
                await response.Body.WriteAsync("{\"image\": {\"id\": "u8.ToArray());
                await response.Body.FlushAsync();
                context.Abort();
                break;
            case "plain-text":
                response.ContentType = "text/plain";
                await response.WriteAsync("Service temporarily overloaded, try again later.");
                break;
            case "wrong-content-type":
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(ImageJson());
                break;
            case "duplicate-key":
                await Json(response, 200, ImageJson().Replace("\"minRam\":0", "\"minRam\":0,\"minRam\":512", StringComparison.Ordinal));
                break;
            case "beyond-64-bits":
                await Json(response, 200, ImageJson().Replace("\"OS-EXT-IMG-SIZE:size\":4096", "\"OS-EXT-IMG-SIZE:size\":18446744073709551616", StringComparison.Ordinal));
                break;
            case "deep":
                await Json(response, 200, "{\"image\": " + new string('[', 10_000) + new string(']', 10_000) + "}");
                break;
            case "redirect":
                response.StatusCode = 302;
                response.Headers.Location = "http://127.0.0.2:9/v2.1/p/images/stolen";
                break;
            case "retry-then-ok":
                if (Interlocked.Increment(ref _retryCount) == 1)
                {
                    response.Headers.RetryAfter = "1";
                    await Json(response, 429, """{"overLimit": {"code": 429, "message": "slow down"}}""");
                }
                else
                {
                    await Json(response, 404, """{"itemNotFound": {"code": 404, "message": "Image not found."}}""");
                }

                break;
            case "unavailable-long":
                response.Headers.RetryAfter = "3600";
                await Json(response, 503, """{"serviceUnavailable": {"code": 503, "message": "come back tomorrow"}}""");
                break;
            default:
                await Json(response, 404, """{"itemNotFound": {"code": 404, "message": "Image not found."}}""");
                break;
        }
    }

    /// <summary>A conformant image document padded to just under the 8 MiB the suite reads.</summary>
    public static readonly byte[] BigBody = MakeBigBody();

    private static byte[] MakeBigBody()
    {
        var image = Samples.NovaImage();
        ((Newtonsoft.Json.Linq.JObject)image["image"]!)["metadata"]!["pad"] = new string('x', 8 * 1024 * 1024 - 8192);
        return Encoding.UTF8.GetBytes(image.ToString(Newtonsoft.Json.Formatting.None));
    }

    /// <summary>The conformant Nova sample document, compact, as the hostile cases' starting point.</summary>
    private static string ImageJson() => Samples.NovaImage().ToString(Newtonsoft.Json.Formatting.None);

    private static async Task Json(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body);
    }
}
