using Conformance.Core.Exchanges;

namespace Conformance.Core.Har;

/// <summary>One entry of a HAR file: the exchange it holds, or the reason it could not be read.</summary>
/// <param name="Index">The entry's index in the file's <c>log.entries</c>, from 0.</param>
/// <param name="Exchange">The exchange it holds; null when it could not be read.</param>
/// <param name="Problem">Why it could not be read; null when it could.</param>
public sealed record HarEntry(int Index, Exchange? Exchange, string? Problem);
