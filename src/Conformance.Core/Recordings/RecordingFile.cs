namespace Conformance.Core.Recordings;

/// <summary>A HAR file to judge, its name relative to the recordings root, and the profile it is judged under.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Name">Its name relative to the recordings root, as exchange names and baselines use it.</param>
/// <param name="Profile">The profile it is judged under; null when none could be determined.</param>
/// <param name="ProfileProblem">Why its folder's <c>conformance.json</c> cannot be used; null when it can or there is none.</param>
public sealed record RecordingFile(string Path, string Name, string? Profile, string? ProfileProblem)
{
    /// <summary>
    /// Why this file (or folder) cannot be read at all, found while listing: a dangling or looping link, a FIFO or a
    /// device, a file too large, a name that is not UTF-8, a folder that cannot be listed. It names the file; the
    /// file is not read. Distinct from <see cref="ProfileProblem"/>, which is about its folder's <c>conformance.json</c>.
    /// </summary>
    public string? Problem { get; init; }
}
