namespace Conformance.Core.Settings;

/// <summary>A setting that cannot be used; the message names the setting and the value (known secrets masked).</summary>
public sealed class SettingsException : Exception
{
    /// <summary>A setting problem; known secrets in <paramref name="message"/> are masked.</summary>
    /// <param name="message">What is wrong, naming the setting.</param>
    public SettingsException(string message)
        : base(Masking.Secrets.Mask(message))
    {
    }

    /// <summary>A setting problem found through another exception (a YAML or I/O error); known secrets in <paramref name="message"/> are masked.</summary>
    /// <param name="message">What is wrong, naming the setting.</param>
    /// <param name="inner">The exception that revealed it.</param>
    public SettingsException(string message, Exception inner)
        : base(Masking.Secrets.Mask(message), inner)
    {
    }

    /// <summary>A setting problem without a message (prefer one that names the setting).</summary>
    public SettingsException()
    {
    }
}
