using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments;

/// <summary>
/// An experiment in a catalog: name, summary, settings (type, default, description) and a reflection-free factory.
/// Instances are created by the generated <c>ExperimentCatalog</c> of the assembly that declares the experiments.
/// </summary>
public sealed class ExperimentDescriptor
{
    private readonly Func<IExperiment> _create;
    private readonly Action<IExperiment, SettingValues> _bind;
    private readonly Func<IExperiment, string[]> _format;

    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="name">The <see cref="ExperimentAttribute.Name"/>.</param>
    /// <param name="summary">The <see cref="ExperimentAttribute.Summary"/>.</param>
    /// <param name="typeName">The experiment type's fully qualified C# name.</param>
    /// <param name="settings">The settings in declaration order.</param>
    /// <param name="create">Creates an instance with default settings.</param>
    /// <param name="bind">Assigns the values given (through the <c>TryGet…</c> accessors) to an instance.</param>
    /// <param name="format">An instance's current setting values as text, one per setting in order.</param>
    public ExperimentDescriptor(string name, string summary, string typeName, IReadOnlyList<SettingDescriptor> settings,
        Func<IExperiment> create, Action<IExperiment, SettingValues> bind, Func<IExperiment, string[]> format)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        Summary = summary ?? "";
        TypeName = typeName ?? "";
        Settings = settings;
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _bind = bind ?? throw new ArgumentNullException(nameof(bind));
        _format = format ?? throw new ArgumentNullException(nameof(format));
        string[] defaults = _format(_create());
        for (int i = 0; i < settings.Count; i++) settings[i].Default = defaults[i];
    }

    /// <summary>The command-line name.</summary>
    public string Name { get; }

    /// <summary>One line saying what the experiment shows.</summary>
    public string Summary { get; }

    /// <summary>The experiment type's fully qualified name.</summary>
    public string TypeName { get; }

    /// <summary>The settings in declaration order.</summary>
    public IReadOnlyList<SettingDescriptor> Settings { get; }

    /// <summary>Creates an instance with default settings.</summary>
    public IExperiment Create() => _create();

    /// <summary>
    /// Creates an instance and binds <paramref name="settings"/> (names in kebab case, with or without leading dashes;
    /// arrays may repeat a name or use commas).
    /// </summary>
    /// <exception cref="SettingBindingException">A name is unknown (the message lists the settings and suggests the
    /// closest), a scalar is given twice, or a value does not parse.</exception>
    public IExperiment Create(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var values = new SettingValues(Name, settings);
        foreach (var given in values.Names)
        {
            if (Settings.Any(s => s.Name == given)) continue;
            string known = Settings.Count == 0 ? "it has no settings" : "its settings are " + string.Join(", ", Settings.Select(s => "--" + s.Name));
            string? closest = Suggestions.Closest(given, Settings.Select(s => s.Name));
            string hint = closest is null ? "" : $" Did you mean --{closest}?";
            throw new SettingBindingException(Name, given, $"{Name} has no setting --{given}; {known}.{hint}");
        }
        var experiment = _create();
        _bind(experiment, values);
        return experiment;
    }

    /// <summary>The current setting values of <paramref name="experiment"/> as (name, text) pairs in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(IExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        string[] texts = _format(experiment);
        var pairs = new KeyValuePair<string, string>[Settings.Count];
        for (int i = 0; i < pairs.Length; i++) pairs[i] = new(Settings[i].Name, texts[i]);
        return pairs;
    }
}
