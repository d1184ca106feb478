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
        if (!context.Response.HeadersRecorded)
        {
            return [];
        }

        // Judged on every exchange (headers are not part of the body memo), so written without iterators or queries.
        var found = new List<Violation>();
        ContentType(context, found);
        RequestIds(context, found);
        Microversions(context, found);
        return found;
    }

    private static void ContentType(JudgeContext context, List<Violation> found)
    {
        var response = context.Response;
        if (response.Body.Length == 0 && response.Status is not (>= 200 and < 300))
        {
            return;
        }

        var contentType = response.Headers.Get("Content-Type");
        var semicolon = contentType?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        var mediaType = contentType is null ? default : (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
        if (contentType is null || !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            found.Add(new Violation(
                ContentTypeJson,
                "Content-Type header",
                contentType is null ? "no Content-Type header" : $"Content-Type: {contentType}",
                context.Profile.Documented(ContentTypeJson)));
        }
    }

    private static void RequestIds(JudgeContext context, List<Violation> found)
    {
        var names = context.Profile.Definition.RequestIdHeaders;
        List<(string Name, string Value)>? values = null;
        foreach (var name in names)
        {
            var value = context.Response.Headers.Get(name);
            if (value is null)
            {
                found.Add(new Violation(RequestIdPresent, $"{name} header", $"no {name} header", context.Profile.Documented(RequestIdPresent)));
                continue;
            }

            (values ??= new List<(string Name, string Value)>(names.Count)).Add((name, value));
            if (!RequestId().IsMatch(value.AsSpan().Trim()))
            {
                found.Add(new Violation(RequestIdFormat, $"{name} header", $"{name}: {value}", context.Profile.Documented(RequestIdFormat)));
            }
        }

        if (values is not null && RequestIdEqual.AppliesTo(context.Profile) && !AllEqualTrimmed(values))
        {
            found.Add(new Violation(
                RequestIdEqual,
                string.Join(" and ", values.Select(v => v.Name + " headers")).Replace(" headers and", " and", StringComparison.Ordinal),
                string.Join("; ", values.Select(v => $"{v.Name}: {v.Value}")),
                context.Profile.Documented(RequestIdEqual)));
        }
    }

    private static bool AllEqualTrimmed(List<(string Name, string Value)> values)
    {
        var first = values[0].Value.AsSpan().Trim();
        for (var i = 1; i < values.Count; i++)
        {
            if (!values[i].Value.AsSpan().Trim().SequenceEqual(first))
            {
                return false;
            }
        }

        return true;
    }

    private static void Microversions(JudgeContext context, List<Violation> found)
    {
        if (!UsesMicroversions(context.Profile))
        {
            return;
        }

        var headers = context.Response.Headers;
        var apiVersion = headers.Get(ApiVersionHeader);
        var legacy = headers.Get(LegacyVersionHeader);
        if (context.Request.Version == ApiVersion.V2)
        {
            if (apiVersion is not null)
            {
                found.Add(new Violation(MicroversionAbsentOnV2, $"{ApiVersionHeader} header", $"{ApiVersionHeader}: {apiVersion}", context.Profile.Documented(MicroversionAbsentOnV2)));
            }

            if (legacy is not null)
            {
                found.Add(new Violation(MicroversionAbsentOnV2, $"{LegacyVersionHeader} header", $"{LegacyVersionHeader}: {legacy}", context.Profile.Documented(MicroversionAbsentOnV2)));
            }

            return;
        }

        var success = context.Response.Status is >= 200 and < 300;
        if (success && (apiVersion is null || legacy is null))
        {
            var missing = apiVersion is null && legacy is null ? $"{ApiVersionHeader} and {LegacyVersionHeader}" : apiVersion is null ? ApiVersionHeader : LegacyVersionHeader;
            found.Add(new Violation(MicroversionPresent, $"{missing} header", $"no {missing} header", context.Profile.Documented(MicroversionPresent)));
        }

        var requested = RequestedMicroversion(context.Exchange.Request.Headers);
        var expected = requested ?? "2.1";
        var answeredByStandard = apiVersion is null ? null : AnsweredBy(apiVersion);
        var answeredByLegacy = legacy?.Trim();
        var disagrees = expected == "latest"
            ? answeredByStandard is not null && answeredByLegacy is not null && answeredByStandard != answeredByLegacy
            : (answeredByStandard is not null && answeredByStandard != expected) || (answeredByLegacy is not null && answeredByLegacy != expected);
        if (disagrees)
        {
            var received = apiVersion is null ? $"{LegacyVersionHeader}: {legacy}"
                : legacy is null ? $"{ApiVersionHeader}: {apiVersion}"
                : $"{ApiVersionHeader}: {apiVersion}; {LegacyVersionHeader}: {legacy}";
            found.Add(new Violation(
                MicroversionMatchesRequest,
                "microversion headers",
                $"{received} (requested {(requested is null ? "none, so 2.1" : expected)})",
                context.Profile.Documented(MicroversionMatchesRequest)));
        }

        if (success && !VaryNamesMicroversions(headers))
        {
            var varies = headers.GetAll("Vary").ToList();
            var received = varies.Count > 0 ? string.Join("; ", varies.Select(v => $"Vary: {v}")) : "no Vary header";
            found.Add(new Violation(Vary, "Vary header", received, context.Profile.Documented(Vary)));
        }
    }

    /// <summary>True when the response's <c>Vary</c> headers, their values split at commas, hold <c>*</c> or both microversion headers.</summary>
    private static bool VaryNamesMicroversions(HeaderList headers)
    {
        bool standard = false, legacy = false;
        foreach (var (name, value) in headers.Items)
        {
            if (!string.Equals(name, "Vary", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var entry = value.AsSpan()[range].Trim();
                if (entry.SequenceEqual("*"))
                {
                    return true;
                }

                standard |= entry.Equals(ApiVersionHeader, StringComparison.OrdinalIgnoreCase);
                legacy |= entry.Equals(LegacyVersionHeader, StringComparison.OrdinalIgnoreCase);
            }
        }

        return standard && legacy;
    }

    /// <summary>The version a standard header's value names: <c>2.5</c> of <c>compute 2.5</c>, else the value trimmed.</summary>
    private static string AnsweredBy(string apiVersion)
    {
        // The form Nova writes ("compute 2.1": lower case, one space, printable ASCII after it) is read directly, as
        // the pattern would read it; any other form goes to the pattern.
        const string Prefix = "compute ";
        if (apiVersion.Length > Prefix.Length && apiVersion.StartsWith(Prefix, StringComparison.Ordinal)
            && !apiVersion.AsSpan(Prefix.Length).ContainsAnyExceptInRange('\x21', '\x7e'))
        {
            return apiVersion[Prefix.Length..];
        }

        var m = ComputeVersion().Match(apiVersion);
        return m.Success ? m.Groups["v"].Value : apiVersion.Trim();
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
