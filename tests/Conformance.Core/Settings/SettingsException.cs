namespace Conformance.Core.Settings;

/// <summary>A setting that cannot be used; the message names the setting and the value.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message)
        : base(message)
    {
    }

    public SettingsException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SettingsException()
    {
    }
}
