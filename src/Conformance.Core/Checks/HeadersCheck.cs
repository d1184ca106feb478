using System.Text.RegularExpressions;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>Content-Type, request-id headers and (where the profile says so) Nova's microversion headers.</summary>
public sealed partial class HeadersCheck : IExchangeCheck
{
    /// <summary>The standard microversion header; a response's value reads <c>compute 2.x</c>.</summary>
    public const string ApiVersionHeader = "OpenStack-API-Version";
    /// <summary>Nova's older microversion header; its value is the bare version, <c>2.x</c>.</summary>
    public const string LegacyVersionHeader = "X-OpenStack-Nova-API-Version";

    /// <summary>The response's media type is <c>application/json</c> (not required of an error response without a body).</summary>
    public static readonly Rule ContentTypeJson = new("headers.content_type", "Content-Type is not application/json", Severity.Failure);
    /// <summary>Each request-id header the profile names is present.</summary>
    public static readonly Rule RequestIdPresent = new("headers.request_id_present", "Request id header missing", Severity.Failure, p => p.Definition.RequestIdHeaders.Count > 0);
    /// <summary>Each request-id header reads <c>req-</c> and a lower-case UUID.</summary>
    public static readonly Rule RequestIdFormat = new("headers.request_id_format", "Request id is not req-<uuid>", Severity.Failure, p => p.Definition.RequestIdHeaders.Count > 0);
    /// <summary>Where the profile says so, the request-id headers carry the same id.</summary>
    public static readonly Rule RequestIdEqual = new("headers.request_id_equal", "Request id headers disagree", Severity.Failure, p => p.Definition.RequestIdsEqual);
    /// <summary>A v2.1 success carries both microversion headers.</summary>
    public static readonly Rule MicroversionPresent = new("headers.microversion_present", "Microversion header missing", Severity.Failure, UsesMicroversions);
    /// <summary>The microversion a v2.1 response names is the one requested (2.1 when none was).</summary>
    public static readonly Rule MicroversionMatchesRequest = new("headers.microversion_matches_request", "Microversion not honoured", Severity.Failure, UsesMicroversions);
    /// <summary>A v2 response carries no microversion header.</summary>
    public static readonly Rule MicroversionAbsentOnV2 = new("headers.microversion_absent_on_v2", "Microversion header on v2", Severity.Failure, UsesMicroversions);
    /// <summary>A v2.1 success's <c>Vary</c> names both microversion headers (or is <c>*</c>).</summary>
    public static readonly Rule Vary = new("headers.vary", "Vary does not name the microversion headers", Severity.Warning, UsesMicroversions);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } =
        [ContentTypeJson, RequestIdPresent, RequestIdFormat, RequestIdEqual, MicroversionPresent, MicroversionMatchesRequest, MicroversionAbsentOnV2, Vary];

    /// <summary>Nova's microversion headers: required on v2.1 successes, forbidden on v2.</summary>
    private static bool UsesMicroversions(Profile profile) => profile.Definition.MicroversionHeaders;

    [GeneratedRegex("^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestId();

    [GeneratedRegex(@"^\s*compute\s+(?<v>\S+)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ComputeVersion();

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var response = context.Response;
        if (!response.HeadersRecorded)
        {
            yield break;
        }

        foreach (var violation in ContentType(context).Concat(RequestIds(context)).Concat(Microversions(context)))
        {
            yield return violation;
        }
    }

    private static IEnumerable<Violation> ContentType(JudgeContext context)
    {
        var response = context.Response;
        if (response.Body.Length == 0 && response.Status is not (>= 200 and < 300))
        {
            yield break;
        }

        var contentType = response.Headers.Get("Content-Type");
        var mediaType = contentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            yield return new Violation(
                ContentTypeJson,
                "Content-Type header",
                contentType is null ? "no Content-Type header" : $"Content-Type: {contentType}",
                context.Profile.Documented(ContentTypeJson));
        }
    }

    private static IEnumerable<Violation> RequestIds(JudgeContext context)
    {
        var names = context.Profile.Definition.RequestIdHeaders;
        var values = new List<(string Name, string Value)>();
        foreach (var name in names)
        {
            var value = context.Response.Headers.Get(name);
            if (value is null)
            {
                yield return new Violation(RequestIdPresent, $"{name} header", $"no {name} header", context.Profile.Documented(RequestIdPresent));
                continue;
            }

            values.Add((name, value));
            if (!RequestId().IsMatch(value.Trim()))
            {
                yield return new Violation(RequestIdFormat, $"{name} header", $"{name}: {value}", context.Profile.Documented(RequestIdFormat));
            }
        }

        if (RequestIdEqual.AppliesTo(context.Profile) && values.Select(v => v.Value.Trim()).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            yield return new Violation(
                RequestIdEqual,
                string.Join(" and ", values.Select(v => v.Name + " headers")).Replace(" headers and", " and", StringComparison.Ordinal),
                string.Join("; ", values.Select(v => $"{v.Name}: {v.Value}")),
                context.Profile.Documented(RequestIdEqual));
        }
    }

    private static IEnumerable<Violation> Microversions(JudgeContext context)
    {
        if (!UsesMicroversions(context.Profile))
        {
            yield break;
        }

        var headers = context.Response.Headers;
        var apiVersion = headers.Get(ApiVersionHeader);
        var legacy = headers.Get(LegacyVersionHeader);
        if (context.Request.Version == ApiVersion.V2)
        {
            foreach (var (name, value) in new[] { (ApiVersionHeader, apiVersion), (LegacyVersionHeader, legacy) })
            {
                if (value is not null)
                {
                    yield return new Violation(MicroversionAbsentOnV2, $"{name} header", $"{name}: {value}", context.Profile.Documented(MicroversionAbsentOnV2));
                }
            }

            yield break;
        }

        var success = context.Response.Status is >= 200 and < 300;
        if (success && (apiVersion is null || legacy is null))
        {
            var missing = string.Join(" and ", new[] { (ApiVersionHeader, apiVersion), (LegacyVersionHeader, legacy) }.Where(p => p.Item2 is null).Select(p => p.Item1));
            yield return new Violation(MicroversionPresent, $"{missing} header", $"no {missing} header", context.Profile.Documented(MicroversionPresent));
        }

        var expected = RequestedMicroversion(context.Exchange.Request.Headers) ?? "2.1";
        var answered = AnsweredMicroversions(headers);

        if (answered.Count > 0 && (expected == "latest" ? answered.Distinct(StringComparer.Ordinal).Count() > 1 : answered.Any(a => a != expected)))
        {
            var received = string.Join("; ", new[] { (ApiVersionHeader, apiVersion), (LegacyVersionHeader, legacy) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}: {p.Item2}"));
            yield return new Violation(
                MicroversionMatchesRequest,
                "microversion headers",
                $"{received} (requested {(RequestedMicroversion(context.Exchange.Request.Headers) is null ? "none, so 2.1" : expected)})",
                context.Profile.Documented(MicroversionMatchesRequest));
        }

        if (success)
        {
            var vary = string.Join(",", headers.GetAll("Vary")).Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!vary.Contains("*") && (!vary.Contains(ApiVersionHeader) || !vary.Contains(LegacyVersionHeader)))
            {
                var received = headers.GetAll("Vary").Any() ? string.Join("; ", headers.GetAll("Vary").Select(v => $"Vary: {v}")) : "no Vary header";
                yield return new Violation(Vary, "Vary header", received, context.Profile.Documented(Vary));
            }
        }
    }

    /// <summary>The microversions a response names: its <c>OpenStack-API-Version</c>'s, then its legacy header's.</summary>
    public static List<string> AnsweredMicroversions(HeaderList responseHeaders)
    {
        var answered = new List<string>();
        if (responseHeaders.Get(ApiVersionHeader) is { } apiVersion)
        {
            var m = ComputeVersion().Match(apiVersion);
            answered.Add(m.Success ? m.Groups["v"].Value : apiVersion.Trim());
        }

        if (responseHeaders.Get(LegacyVersionHeader) is { } legacy)
        {
            answered.Add(legacy.Trim());
        }

        return answered;
    }

    /// <summary>
    /// What Python's <c>str.strip()</c> and <c>str.split()</c> take for whitespace, as Nova's header parsing uses them:
    /// .NET's whitespace plus the ASCII information separators U+001C to U+001F. (A header value reaches Nova decoded
    /// as Latin-1, so only these code points can occur.)
    /// </summary>
    private static readonly char[] PythonSpace =
        ['\t', '\n', '\v', '\f', '\r', '\x1c', '\x1d', '\x1e', '\x1f', ' ', '\x85', '\xa0'];

    private static readonly System.Buffers.SearchValues<char> PythonSpaceValues = System.Buffers.SearchValues.Create(PythonSpace);

    /// <summary>
    /// The compute microversion a request asked for, read as Nova reads it: the standard header's values folded with
    /// commas, the last <c>compute X</c> entry winning; only when it names no compute version, the legacy header's last
    /// comma-separated value (possibly empty, which Nova refuses as malformed). Case is kept: Nova knows <c>latest</c>
    /// only in lower case. Null when neither header asks for a compute microversion.
    /// </summary>
    public static string? RequestedMicroversion(HeaderList requestHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestHeaders);
        if (!requestHeaders.Contains(ApiVersionHeader) && !requestHeaders.Contains(LegacyVersionHeader))
        {
            return null;
        }

        var standard = requestHeaders.GetAll(ApiVersionHeader).Select(v => v.Trim(PythonSpace)).ToList();
        foreach (var entry in string.Join(",", standard).Split(',').Reverse())
        {
            var text = entry.Trim(PythonSpace);
            var space = text.AsSpan().IndexOfAny(PythonSpaceValues);
            if (space > 0 && text[..space].Equals("compute", StringComparison.OrdinalIgnoreCase))
            {
                return text[space..].Trim(PythonSpace);
            }
        }

        var legacy = requestHeaders.GetAll(LegacyVersionHeader).Select(v => v.Trim(PythonSpace)).ToList();
        return legacy.Count == 0 ? null : string.Join(",", legacy).Split(',')[^1].Trim(PythonSpace);
    }
}
