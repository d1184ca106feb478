using Conformance.Core.Contracts;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>An image is not updated before it was created.</summary>
public sealed class TimestampOrderCheck : IBodyCheck
{
    /// <summary><c>updated</c> is not before <c>created</c>.</summary>
    public static readonly Rule Order = new("timestamps.order", "Image updated before it was created", Severity.Failure);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } = [Order];

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        var image = context.Image;
        if (image?["created"] is { Type: JTokenType.String } created && image["updated"] is { Type: JTokenType.String } updated
            && Iso8601DateTime.TryParse((string?)created, out var createdAt) && Iso8601DateTime.TryParse((string?)updated, out var updatedAt)
            && updatedAt < createdAt)
        {
            yield return new Violation(
                Order,
                "image.updated",
                $"updated {(string?)updated} is before created {(string?)created}",
                context.Profile.Documented(Order));
        }
    }
}
