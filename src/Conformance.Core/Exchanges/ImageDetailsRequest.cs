namespace Conformance.Core.Exchanges;

/// <summary>
/// What the URL of an image-details request names: <c>{base}/v2[.1][/{project_id}]/images/{image_id}</c>.
/// Nova accepts v2.1 URLs without the project segment, so the project may be missing here (<see cref="ProjectId"/> is
/// then null); a profile whose document makes it mandatory fails such a request (identity.project_in_uri).
/// <c>/v2/images/{id}</c> is the Image service's own URL, which recordings hold for the image-service cross-checks,
/// and is not taken for Compute's under any profile.
/// </summary>
/// <param name="Version">The API version the URL addresses.</param>
/// <param name="ProjectId">The project segment; null when the URL has none.</param>
/// <param name="ImageId">The image id segment, percent-decoded.</param>
/// <param name="Url">The whole URL.</param>
public sealed record ImageDetailsRequest(ApiVersion Version, string? ProjectId, string ImageId, Uri Url)
{
    /// <summary>Recognises an image-details GET; otherwise gives the reason it is not one.</summary>
    public static bool TryParse(string method, string url, out ImageDetailsRequest? request, out string reason)
    {
        request = null;
        if (!string.Equals(method, "GET", StringComparison.Ordinal))
        {
            reason = $"method {method} is not GET";
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reason = $"URL '{url}' is not an absolute http(s) URL";
            return false;
        }

        var segments = uri.AbsolutePath.Split('/');
        var n = segments.Length;
        const string shape = "not an image-details URL (.../v2[.1]/{project_id}/images/{image_id})";
        if (n < 3 || segments[n - 2] != "images" || segments[n - 1].Length == 0 || segments[n - 1] == "detail")
        {
            reason = shape;
            return false;
        }

        var imageId = Uri.UnescapeDataString(segments[n - 1]);
        if (TryVersion(segments[n - 3], out var version))
        {
            if (version == ApiVersion.V2)
            {
                // /v2/images/{id} is the Image service's own API; Compute's v2 names the project.
                reason = "URL is the Image service's shape (/v2/images/{image_id}), not Compute's /v2/{project_id}/images/{image_id}";
                return false;
            }

            request = new ImageDetailsRequest(version, null, imageId, uri);
            reason = string.Empty;
            return true;
        }

        if (n >= 4 && TryVersion(segments[n - 4], out version) && segments[n - 3].Length > 0)
        {
            request = new ImageDetailsRequest(version, Uri.UnescapeDataString(segments[n - 3]), imageId, uri);
            reason = string.Empty;
            return true;
        }

        reason = shape;
        return false;
    }

    private static bool TryVersion(string segment, out ApiVersion version)
    {
        switch (segment)
        {
            case "v2":
                version = ApiVersion.V2;
                return true;
            case "v2.1":
                version = ApiVersion.V21;
                return true;
            default:
                version = default;
                return false;
        }
    }
}
