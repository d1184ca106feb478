namespace Conformance.Core.Contracts;

/// <summary>
/// The contents of <c>schemas/&lt;profile&gt;/profile.json</c>: the facts that are not JSON Schema. Its keys and types
/// are <c>schemas/profile.schema.json</c>'s, which <see cref="ProfileFile"/> checks before reading: a key added here
/// must be added there.
/// </summary>
public sealed class ProfileDefinition
{
    /// <summary>The profile's name, equal to its folder's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>One sentence on what the profile covers, for people and reports.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The document the profile follows, as cited in violation texts.</summary>
    public string Document { get; set; } = string.Empty;

    /// <summary>The image-details JSON Schema's file, relative to the profile's folder.</summary>
    public string Schema { get; set; } = "image-details.schema.json";

    /// <summary>The success codes the document gives the operation (status-code.documented); at least one.</summary>
    public List<int> SuccessCodes { get; set; } = [];

    /// <summary>The error codes the document gives the operation (status-code.documented).</summary>
    public List<int> ErrorCodes { get; set; } = [];

    /// <summary>Request-id headers every response must carry, each <c>req-&lt;uuid&gt;</c>.</summary>
    public List<string> RequestIdHeaders { get; set; } = [];

    /// <summary>True when the request-id headers must all carry the same id (headers.request_id_equal).</summary>
    public bool RequestIdsEqual { get; set; }

    /// <summary>Nova's microversion headers: required on v2.1 successes, forbidden on v2.</summary>
    public bool MicroversionHeaders { get; set; }

    /// <summary>
    /// The microversions v2.1 answers and the one from which the image API is gone; null when the document knows no
    /// microversions (no microversion is then expected of any request, and no microversion probe is sent).
    /// </summary>
    public MicroversionRange? Microversions { get; set; }

    /// <summary>
    /// The progress values each status may have (Nova's mapping), checked for every status but ACTIVE (whose 100 is
    /// status.active_progress); empty when the profile does not tie progress to status.
    /// </summary>
    public Dictionary<string, List<long>> ProgressByStatus { get; set; } = [];

    /// <summary>True when <c>OS-DCF:diskConfig</c> must agree with <c>metadata.auto_disk_config</c> (metadata.disk_config_agrees).</summary>
    public bool DiskConfigAgreesWithMetadata { get; set; }

    /// <summary>True when <c>server</c> must agree with <c>metadata.instance_uuid</c> (metadata.server_matches_instance).</summary>
    public bool ServerAgreesWithMetadata { get; set; }

    /// <summary>
    /// The fault names an error body may carry, by HTTP status ("*" for any other status); the first is the one the
    /// service sends. Empty when the profile does not check fault names.
    /// </summary>
    public Dictionary<string, List<string>> FaultNames { get; set; } = [];

    /// <summary>True when the alternate link should carry the image media type (links.alternate_type).</summary>
    public bool AlternateLinkType { get; set; }

    /// <summary>
    /// Links built from the request as Nova builds them: the bookmark names the request's project, a project-less
    /// request gets a project-less self link, the alternate names the image on the image service, and
    /// <c>server.links</c> name <c>server.id</c>.
    /// </summary>
    public bool LinksNameRequest { get; set; }

    /// <summary>
    /// Whether the request URI must name the project (<see cref="Required"/>: a project-less
    /// <c>/v2.1/images/{id}</c> fails identity.project_in_uri) or may leave it out (<see cref="Optional"/>, as Nova
    /// allows).
    /// </summary>
    public string ProjectInUri { get; set; } = Optional;

    /// <summary>The <see cref="ProjectInUri"/> value of a profile whose document makes the project a mandatory URI parameter.</summary>
    public const string Required = "required";

    /// <summary>The <see cref="ProjectInUri"/> value of a profile that accepts project-less request URIs.</summary>
    public const string Optional = "optional";

    /// <summary>The image agrees with the image service's own record when a recording holds it (Nova's mapping).</summary>
    public bool ImageServiceAgreement { get; set; }

    /// <summary>The status and progress the image shows for each image-service state ("*" for any other state).</summary>
    public Dictionary<string, ImageServiceState> ImageServiceStates { get; set; } = [];

    /// <summary>The check group that owns each top-level field of <c>image</c>; a field not listed belongs to body.</summary>
    public Dictionary<string, string> FieldGroups { get; set; } = [];

    /// <summary>Fields the document says are "greater than zero" while its own example shows 0: zero is a warning.</summary>
    public List<string> ZeroWherePositive { get; set; } = [];

    /// <summary>What the document says, by rule id or by field path (<c>links[].rel</c>); "*" is the fallback.</summary>
    public Dictionary<string, string> Documented { get; set; } = [];
}

/// <summary>What an image shows for one image-service state.</summary>
public sealed class ImageServiceState
{
    /// <summary>The image's <c>status</c> for this state, such as <c>ACTIVE</c>.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The image's <c>progress</c> for this state, 0 to 100.</summary>
    public long Progress { get; set; }
}

/// <summary>The <c>microversions</c> of a profile: versions as <c>X.Y</c> strings, checked by the profile schema.</summary>
public sealed class MicroversionRange
{
    /// <summary>The oldest microversion v2.1 accepts, <c>X.Y</c>.</summary>
    public string Minimum { get; set; } = string.Empty;

    /// <summary>The newest microversion v2.1 accepts, <c>X.Y</c>; above it a request is answered 406.</summary>
    public string Maximum { get; set; } = string.Empty;

    /// <summary>The first microversion at which v2.1 no longer serves images (Nova: 2.36, answered 404).</summary>
    public string ImageApiRemoved { get; set; } = string.Empty;
}
