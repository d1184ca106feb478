namespace Conformance.Core.Checks;

/// <summary>A failure breaks the contract; a warning is an oddity that breaches no document and never fails a run.</summary>
public enum Severity
{
    /// <summary>The exchange breaks its contract; the run fails unless a baseline knows the violation.</summary>
    Failure,
    /// <summary>Reported, but breaches no document and never fails a run.</summary>
    Warning,
}
