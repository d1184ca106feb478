using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>The image id in the body is the one the request URL asked for.</summary>
public sealed class IdentityCheck : IExchangeCheck
{
    public static readonly Rule MatchesRequest = new("identity.matches_request", "Image id differs from the request", Severity.Failure);

    public IReadOnlyList<Rule> Reports { get; } = [MatchesRequest];

    public IEnumerable<Violation> Check(JudgeContext context)
    {
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
