using System;

namespace Landscape.Experiments;

/// <summary>A <c>--setting value</c> pair could not be bound: unknown name, repeated scalar, or unparsable value.</summary>
public sealed class SettingBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SettingBindingException(string experiment, string setting, string message)
        : base(message)
    {
        Experiment = experiment;
        Setting = setting;
    }

    /// <summary>Creates the exception.</summary>
    public SettingBindingException() : base("A setting could not be bound.") { Experiment = ""; Setting = ""; }

    /// <summary>Creates the exception.</summary>
    public SettingBindingException(string message) : base(message) { Experiment = ""; Setting = ""; }

    /// <summary>Creates the exception.</summary>
    public SettingBindingException(string message, Exception innerException) : base(message, innerException) { Experiment = ""; Setting = ""; }

    /// <summary>The experiment being configured.</summary>
    public string Experiment { get; }

    /// <summary>The setting name (kebab case) at fault.</summary>
    public string Setting { get; }
}
