namespace Conformance.Core.Checks;

/// <summary>A failure breaks the contract; a warning is an oddity that breaches no document and never fails a run.</summary>
public enum Severity
{
    Failure,
    Warning,
}
