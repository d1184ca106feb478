namespace Conformance.Core.Settings;

/// <summary>A setting that cannot be used; the message names the setting and the value (known secrets masked).</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message)
        : base(Masking.Secrets.Mask(message))
    {
    }

    public SettingsException(string message, Exception inner)
        : base(Masking.Secrets.Mask(message), inner)
    {
    }

    public SettingsException()
    {
    }
}
