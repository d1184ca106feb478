using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Conformance.TestUtilities;

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

    /// <summary>Live settings that ask this server for the given images, v2.1 only, no probes, with a token and a 3 s timeout.</summary>
    public Conformance.Core.Settings.LiveSettings LiveSettingsFor(IReadOnlyList<string> images, string token) => new()
    {
        Credentials = new Conformance.Core.Settings.Credentials { Token = token, Source = "test" },
        ComputeUrl = new Uri(Root),
        ProjectId = Project,
        ImageIds = images,
        Versions = [Conformance.Core.Exchanges.ApiVersion.V21],
        Probes = false,
        Timeout = TimeSpan.FromSeconds(3),
    };

    private readonly List<DateTimeOffset> _arrivals = [];
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    public int Requests => _requests;

    private readonly List<string> _received = [];

    /// <summary>Every request as the server received it: method, then the root and the raw request target, as sent on the wire.</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

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
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        lock (_received)
        {
            _received.Add($"{context.Request.Method} {Root}{target}");
        }

        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        if (path == "/")
        {
            await Json(response, 200, """{"versions": [{"id": "v2.1", "status": "CURRENT"}]}""");
            return;
        }

        var segments = path.Split('/');
        if (path.EndsWith("/v3/auth/tokens", StringComparison.Ordinal))
        {
            await Keystone(context, segments[1]);
            return;
        }

        if (segments.Length == 5 && segments[2] == "v2" && segments[3] == "images")
        {
            await ImageService(response, segments[1], Uri.UnescapeDataString(segments[4]));
            return;
        }

        if (segments.Length == 4 && segments[3] == "images")
        {
            await Listing(response, segments[2]);
            return;
        }

        if (context.Request.Headers["X-Auth-Token"].ToString().StartsWith("invalid-", StringComparison.Ordinal))
        {
            // What Keystone middleware answers a token it does not know (the suite's bad-token probe).
            response.Headers.WWWAuthenticate = "Keystone uri=\"http://127.0.0.1:5000\"";
            await Json(response, 401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""");
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
            case Samples.ImageId:
                await Json(response, 200, ImageJson());
                break;
            case "gzip-ok":
                response.Headers.ContentEncoding = "gzip";
                await Json(response, 200, ImageJson(), Gzip);
                break;
            case "br-ok":
                response.Headers.ContentEncoding = "br";
                await Json(response, 200, ImageJson(), Brotli);
                break;
            case "gzip-corrupt" or "deflate-corrupt" or "br-corrupt":
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.Headers.ContentEncoding = fault.Split('-')[0];
                await response.Body.WriteAsync(Garbage);
                break;
            case "gzip-truncated":
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.Headers.ContentEncoding = "gzip";
                var whole = Gzip(Encoding.UTF8.GetBytes(ImageJson()));
                await response.Body.WriteAsync(whole.AsMemory(0, whole.Length - 12));
                break;
            case "zstd":
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.Headers.ContentEncoding = "zstd";
                await response.Body.WriteAsync(Garbage);
                break;
            case var refused when refused.StartsWith("unauthorized", StringComparison.Ordinal):
                response.Headers.WWWAuthenticate = "Keystone uri=\"http://127.0.0.1:5000\"";
                await Json(response, 401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""");
                break;
            case var forbidden when forbidden.StartsWith("forbidden", StringComparison.Ordinal):
                await Json(response, 403, """{"forbidden": {"code": 403, "message": "Policy does not allow compute:image:get"}}""");
                break;
            case "echo-400":
                var echoed = $"Invalid token {Token(context)} (also {Uri.EscapeDataString(Token(context))}, {Convert.ToBase64String(Encoding.UTF8.GetBytes(Token(context)))})";
                await Json(response, 400, new JObject { ["badRequest"] = new JObject { ["code"] = 400, ["message"] = echoed } }.ToString(Newtonsoft.Json.Formatting.None));
                break;
            case "echo-header":
                response.Headers["X-Debug-Token"] = Token(context);
                response.Headers["Set-Cookie2"] = $"session={Token(context)}; Version=1";
                response.Headers["Set-Cookie"] = "session=abc; Path=/";
                await Json(response, 200, ImageJson());
                break;
            case "echo-location":
                response.StatusCode = 302;
                response.Headers.Location = $"http://127.0.0.1:9/login?token={Uri.EscapeDataString(Token(context))}";
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

    /// <summary>The password that Keystone modes echo back, and the token they issue.</summary>
    public const string IssuedToken = "gAAAAA-issued-by-the-fault-keystone-7c1d";

    /// <summary>A gzip header followed by a deflate block of the reserved type: not gzip, deflate nor brotli data.</summary>
    private static readonly byte[] Garbage = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private static string Token(HttpContext context) => context.Request.Headers["X-Auth-Token"].ToString();

    /// <summary>
    /// An identity service at <c>/{mode}/v3/auth/tokens</c>: <c>ks-ok</c> issues a token scoped to project
    /// <see cref="Project"/> with this server as the compute endpoint and <c>/glance</c> as the image service; the
    /// other modes answer with one thing wrong.
    /// </summary>
    private async Task Keystone(HttpContext context, string mode)
    {
        var response = context.Response;
        string password = string.Empty;
        if (context.Request.Method == "POST")
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = JObject.Parse(await reader.ReadToEndAsync());
            password = (string?)body.SelectToken("auth.identity.password.user.password") ?? string.Empty;
        }

        if (mode == "ks-refused")
        {
            await Json(response, 401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""");
            return;
        }

        JToken Endpoint(string url) => new JObject { ["interface"] = "public", ["region"] = "RegionOne", ["region_id"] = "RegionOne", ["url"] = url };
        var computeUrl = mode switch
        {
            "ks-url-relative" => (JToken)"v2.1/p",
            "ks-url-number" => 8774,
            "ks-url-file" => "file:///etc/passwd",
            "ks-url-userinfo" => Root.Replace("http://", "http://nova:hunter22@", StringComparison.Ordinal) + "/v2.1/p",
            _ => Root + "/v2.1/" + Project,
        };
        var compute = (JObject)Endpoint(string.Empty);
        compute["url"] = computeUrl;
        var catalog = new JArray(
            new JObject { ["type"] = "compute", ["name"] = "nova", ["endpoints"] = new JArray(compute) },
            new JObject { ["type"] = "image", ["name"] = "glance", ["endpoints"] = new JArray(Endpoint(Root + "/glance")) });
        if (mode == "ks-type-object")
        {
            catalog.Insert(0, new JObject { ["type"] = new JObject { ["is"] = "compute" }, ["endpoints"] = new JArray(Endpoint("http://127.0.0.1:9/elsewhere")) });
        }

        var token = new JObject
        {
            ["methods"] = new JArray("password"),
            ["project"] = mode == "ks-project-string" ? Project : new JObject { ["id"] = Project, ["name"] = "conformance" },
            ["catalog"] = catalog,
        };
        if (mode == "ks-echo-password")
        {
            token["audit"] = $"password '{password}' accepted";
            response.Headers["X-Debug"] = password;
        }

        response.Headers["X-Subject-Token"] = IssuedToken;
        if (mode == "ks-not-json")
        {
            response.StatusCode = 201;
            response.ContentType = "text/html";
            await response.WriteAsync("<html>Keystone is having a day</html>");
            return;
        }

        await Json(response, 201, new JObject { ["token"] = token }.ToString(Newtonsoft.Json.Formatting.None));
    }

    /// <summary>The image service at <c>/{base}/v2/images/{id}</c>: a plain record, or (base <c>glance-bad</c>) one with wrong types.</summary>
    private static async Task ImageService(HttpResponse response, string serviceBase, string id)
    {
        var record = serviceBase == "glance-bad"
            ? new JObject { ["id"] = id, ["name"] = "fakeimage7", ["status"] = new JObject { ["is"] = "active" }, ["size"] = "4096", ["created_at"] = 5 }
            : new JObject { ["id"] = id, ["name"] = "fakeimage7", ["status"] = "active", ["size"] = 4096, ["min_disk"] = 0, ["min_ram"] = 0, ["created_at"] = "2026-11-22T11:59:07Z", ["updated_at"] = "2026-11-22T11:59:07Z" };
        await Json(response, 200, record.ToString(Newtonsoft.Json.Formatting.None));
    }

    /// <summary>The image listing at <c>/v2.1/{project}/images</c>: its project names what is wrong with it.</summary>
    private static async Task Listing(HttpResponse response, string project)
    {
        switch (project)
        {
            case "list-not-json":
                response.ContentType = "text/html";
                await response.WriteAsync("<html>images</html>");
                break;
            case "list-bad-ids":
                await Json(response, 200, """{"images": [{"id": 7}, {"id": {"a": 1}}, {"id": null}, {"name": "no id"}, "not an object", {"id": ".."}, {"id": "missing"}, {"id": "a/b"}]}""");
                break;
            case "list-only-bad":
                await Json(response, 200, """{"images": [{"id": 7}, {"id": null}]}""");
                break;
            default:
                await Json(response, 200, """{"images": [{"id": "missing"}]}""");
                break;
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Brotli(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(bytes);
        }

        return output.ToArray();
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

    private static async Task Json(HttpResponse response, int status, string body, Func<byte[], byte[]>? encode = null)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.Body.WriteAsync(encode is null ? Encoding.UTF8.GetBytes(body) : encode(Encoding.UTF8.GetBytes(body)));
    }
}
