using Conformance.Core.Har;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conformance.Benchmarks;

/// <summary>
/// A fast stand-in for a compute endpoint: answers every request with one recorded Nova response (status, headers,
/// body), so a load tool and the suite's client can be compared where the server costs next to nothing.
/// Usage: Conformance.Benchmarks serve PORT     (listens on 127.0.0.1 only; stops on Ctrl+C or SIGTERM)
/// </summary>
public static class ReplayServer
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !int.TryParse(args[0], out var port) || port is < 1 or > 65535)
        {
            Console.Error.WriteLine("usage: serve PORT");
            return 2;
        }

        var exchange = HarReader.Read(Path.Combine(AppContext.BaseDirectory, "nova-v21-show-active.har"), "replay").Single().Exchange!;
        var recorded = exchange.Response;
        var body = System.Text.Encoding.UTF8.GetBytes(recorded.Body);
        var framing = new HashSet<string>(["Content-Length", "Connection", "Transfer-Encoding", "Date"], StringComparer.OrdinalIgnoreCase);
        var headers = recorded.Headers.Items.Where(h => !framing.Contains(h.Key)).ToList();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = recorded.Status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        // The recorded request's path, so a client asks for the image the recorded body describes.
        Console.WriteLine($"serving http://127.0.0.1:{port}{new Uri(exchange.Request.Url).AbsolutePath}");
        app.Run();
        return 0;
    }
}
