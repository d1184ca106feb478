using Conformance.Core.Contracts;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// The image id in the body is the one the request URL asked for, and the request URL names a project where the
/// profile's document makes the project a mandatory URI parameter.
/// </summary>
public sealed class IdentityCheck : IBodyCheck
{
    /// <summary>The body's <c>image.id</c> is the image id of the request URL (compared ignoring case).</summary>
    public static readonly Rule MatchesRequest = new("identity.matches_request", "Image id differs from the request", Severity.Failure);

    /// <summary>Where the profile's document makes the project a required URI parameter, the request URL names one.</summary>
    public static readonly Rule ProjectInUri = new("identity.project_in_uri", "Request URI names no project", Severity.Failure, p => p.Definition.ProjectInUri == ProfileDefinition.Required);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [MatchesRequest, ProjectInUri];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        if (context.Request.ProjectId is null && ProjectInUri.AppliesTo(context.Profile))
        {
            yield return new Violation(
                ProjectInUri,
                "request URI",
                $"{context.Request.Url.AbsolutePath} (no project segment between the version and /images/)",
                context.Profile.Documented(ProjectInUri));
        }

        if (context.Image?["id"] is { Type: JTokenType.String } id
            && !string.Equals((string)id!, context.Request.ImageId, StringComparison.OrdinalIgnoreCase))
        {
            yield return new Violation(
                MatchesRequest,
                "image.id",
                $"{JudgeContext.Show(id)} for a request of image \"{context.Request.ImageId}\"",
                context.Profile.Documented(MatchesRequest));
        }
    }
}
