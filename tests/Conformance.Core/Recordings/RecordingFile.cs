namespace Conformance.Core.Recordings;

/// <summary>A HAR file to judge, its name relative to the recordings root, and the profile it is judged under.</summary>
public sealed record RecordingFile(string Path, string Name, string? Profile, string? ProfileProblem);
