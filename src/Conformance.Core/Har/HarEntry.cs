using Conformance.Core.Exchanges;

namespace Conformance.Core.Har;

/// <summary>One entry of a HAR file: the exchange it holds, or the reason it could not be read.</summary>
public sealed record HarEntry(int Index, Exchange? Exchange, string? Problem);
