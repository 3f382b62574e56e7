using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Landscape.Experiments;

namespace Landscape.Generators.Tests.Experiment;

/// <summary>
/// End to end: an experiment with every kind of setting is compiled with the generator, loaded, and its descriptor used
/// the way the CLI uses it (describe the settings and defaults, bind <c>--setting value</c> pairs, report errors).
/// </summary>
public sealed class ExperimentBindingTests : IDisposable
{
    internal const string AllTypes = ExperimentHarness.Usings + """
        namespace Samples;

        public enum Mode { Fast, Careful, @class }

        [Experiment("all-types", Summary = "Every kind of setting")]
        public sealed partial class AllTypes : IExperiment
        {
            [Setting("Print more")] public bool Verbose { get; set; }
            [Setting("Steps per run")] public int Steps { get; set; } = 3000;
            [Setting("Master seed")] public long MasterSeed { get; set; } = 1L << 40;
            [Setting("Learning rate")] public double LearningRate { get; set; } = 0.1;
            [Setting("Run label")] public string Label { get; set; } = "baseline";
            [Setting("Search mode")] public Mode Mode { get; set; } = Mode.Careful;
            [Setting("Flags")] public bool[] Flags { get; set; } = [true, false];
            [Setting("Layer widths")] public int[] Widths { get; set; } = [64, 128];
            [Setting("Seeds")] public long[] Seeds { get; set; } = [];
            [Setting("Learning rates for \"GD\"")] public double[] LearningRates { get; set; } = [0.02, 1e-300];
            [Setting("Names")] public string[] Names { get; set; } = ["a", "b c"];
            [Setting("Modes")] public Mode[] Modes { get; set; } = [Mode.Fast, Mode.@class];
            [Setting("Largest t")] public double MaxT { get; set; } = 10;
            [Setting("Hessian-vector products")] public int HVPCount { get; set; } = 5;
            [Setting("Optional note")] public string? Note { get; set; }

            public ExperimentResult Run(ExperimentContext context) => context.Result();
        }
        """;

    private readonly LoadedCatalog _catalog = ExperimentHarness.Load(AllTypes);

    private ExperimentDescriptor Descriptor => _catalog.Get("all-types");

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public void Settings_HaveKebabNames_Kinds_Types_AndDescriptions_InDeclarationOrder()
    {
        IReadOnlyList<SettingDescriptor> settings = Descriptor.Settings;
        Assert.Equal(
            ["verbose", "steps", "master-seed", "learning-rate", "label", "mode", "flags", "widths", "seeds", "learning-rates", "names", "modes", "max-t", "hvp-count", "note"],
            settings.Select(s => s.Name));
        Assert.Equal(
            ["Verbose", "Steps", "MasterSeed", "LearningRate", "Label", "Mode", "Flags", "Widths", "Seeds", "LearningRates", "Names", "Modes", "MaxT", "HVPCount", "Note"],
            settings.Select(s => s.PropertyName));
        Assert.Equal(
            ["bool", "int", "long", "double", "string", "Mode", "bool[]", "int[]", "long[]", "double[]", "string[]", "Mode[]", "double", "int", "string"],
            settings.Select(s => s.TypeDisplay));
        Assert.Equal(
            [SettingKind.Boolean, SettingKind.Int32, SettingKind.Int64, SettingKind.Double, SettingKind.String, SettingKind.Enum,
             SettingKind.Boolean, SettingKind.Int32, SettingKind.Int64, SettingKind.Double, SettingKind.String, SettingKind.Enum, SettingKind.Double, SettingKind.Int32, SettingKind.String],
            settings.Select(s => s.Kind));
        Assert.Equal([false, false, false, false, false, false, true, true, true, true, true, true, false, false, false], settings.Select(s => s.IsArray));
        Assert.Equal("Learning rates for \"GD\"", settings[9].Description);
        Assert.Equal("Every kind of setting", Descriptor.Summary);
        Assert.Equal("global::Samples.AllTypes", Descriptor.TypeName);

        SettingDescriptor mode = settings[5];
        Assert.Equal("Mode", mode.EnumTypeName);
        Assert.Equal(["Fast", "Careful", "class"], mode.EnumValues);
        Assert.Null(settings[0].EnumTypeName);
        Assert.Empty(settings[0].EnumValues);
    }

    [Fact]
    public void Defaults_AreTheInitialValues_AsCommandLineText()
    {
        Assert.Equal(
            ["false", "3000", "1099511627776", "0.1", "baseline", "Careful", "true,false", "64,128", "", "0.02,1E-300", "a,b c", "Fast,class", "10", "5", ""],
            Descriptor.Settings.Select(s => s.Default));
    }

    [Fact]
    public void Create_WithoutSettings_KeepsTheDefaults()
    {
        IExperiment experiment = Descriptor.Create([]);
        Assert.Equal(Descriptor.Settings.Select(s => s.Default), Descriptor.Describe(experiment).Select(p => p.Value));
        Assert.Equal(3000, LoadedCatalog.Property(experiment, "Steps"));
    }

    [Fact]
    public void Create_BindsEveryKind()
    {
        IExperiment experiment = Descriptor.Create(Pairs(
            ("--verbose", "TRUE"),
            ("steps", "-7"),
            ("--master-seed", "9007199254740993"),
            ("--learning-rate", "1e-3"),
            ("--label", " spaced "),
            ("--mode", "fast"),
            ("--flags", "false"),
            ("--widths", "1,2"),
            ("--widths", "3"),
            ("--seeds", "-1, 4294967296"),
            ("--learning-rates", "0.5"),
            ("--learning-rates", "0.25,1e-3"),
            ("--names", "x,y"),
            ("--modes", "CLASS,careful"),
            ("--max-t", "100.5"),
            ("--hvp-count", "2147483647"),
            ("--note", "hello")));

        Assert.True((bool)LoadedCatalog.Property(experiment, "Verbose")!);
        Assert.Equal(-7, LoadedCatalog.Property(experiment, "Steps"));
        Assert.Equal(9007199254740993L, LoadedCatalog.Property(experiment, "MasterSeed"));
        Assert.Equal(1e-3, LoadedCatalog.Property(experiment, "LearningRate"));
        Assert.Equal("spaced", LoadedCatalog.Property(experiment, "Label")); // values are trimmed
        Assert.Equal("Fast", LoadedCatalog.Property(experiment, "Mode")!.ToString());
        Assert.Equal(new[] { false }, LoadedCatalog.Property(experiment, "Flags"));
        Assert.Equal(new[] { 1, 2, 3 }, LoadedCatalog.Property(experiment, "Widths"));
        Assert.Equal(new[] { -1L, 4294967296L }, LoadedCatalog.Property(experiment, "Seeds"));
        Assert.Equal(new[] { 0.5, 0.25, 1e-3 }, LoadedCatalog.Property(experiment, "LearningRates"));
        Assert.Equal(new[] { "x", "y" }, LoadedCatalog.Property(experiment, "Names"));
        Assert.Equal(["class", "Careful"], ((Array)LoadedCatalog.Property(experiment, "Modes")!).Cast<object>().Select(m => m.ToString()));
        Assert.Equal(100.5, LoadedCatalog.Property(experiment, "MaxT"));
        Assert.Equal(int.MaxValue, LoadedCatalog.Property(experiment, "HVPCount"));
        Assert.Equal("hello", LoadedCatalog.Property(experiment, "Note"));

        Assert.Equal(
            ["true", "-7", "9007199254740993", "0.001", "spaced", "Fast", "false", "1,2,3", "-1,4294967296", "0.5,0.25,0.001", "x,y", "class,Careful", "100.5", "2147483647", "hello"],
            Descriptor.Describe(experiment).Select(p => p.Value));
    }

    [Fact]
    public void Create_RoundTripsTheDescribedValues()
    {
        // Describe → Create gives back the same values (what a manifest records, a rerun reproduces).
        IExperiment first = Descriptor.Create(Pairs(("--learning-rate", "0.1"), ("--learning-rates", "0.3,0.7"), ("--max-t", "1e-5")));
        var described = Descriptor.Describe(first).Where(p => p.Value.Length > 0).ToList();
        IExperiment second = Descriptor.Create(described);
        Assert.Equal(Descriptor.Describe(first), Descriptor.Describe(second));
        Assert.Equal(0.1, LoadedCatalog.Property(second, "LearningRate"));
        Assert.Equal(new[] { 0.3, 0.7 }, LoadedCatalog.Property(second, "LearningRates"));
    }

    [Fact]
    public void Binding_IsCultureIndependent()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fi-FI");
            IExperiment experiment = Descriptor.Create(Pairs(("--learning-rate", "0.25"), ("--seeds", "-3")));
            Assert.Equal(0.25, LoadedCatalog.Property(experiment, "LearningRate"));
            Assert.Equal("0.25", Descriptor.Describe(experiment).Single(p => p.Key == "learning-rate").Value);
            Assert.Equal("-3", Descriptor.Describe(experiment).Single(p => p.Key == "seeds").Value);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void UnknownName_ListsTheSettings_AndSuggestsTheClosest()
    {
        var error = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--learnig-rates", "0.1"))));
        Assert.Equal("learnig-rates", error.Setting);
        Assert.Equal("all-types", error.Experiment);
        Assert.Contains("all-types has no setting --learnig-rates", error.Message, StringComparison.Ordinal);
        Assert.Contains("--learning-rates", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean --learning-rates?", error.Message, StringComparison.Ordinal);

        // A property name is not a setting name.
        var byProperty = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--MaxT", "1"))));
        Assert.Equal("MaxT", byProperty.Setting);
    }

    [Fact]
    public void UnparsableValue_NamesTheSettingTheTextAndTheExpectation()
    {
        var error = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--steps", "ten"))));
        Assert.Equal("steps", error.Setting);
        Assert.Contains("--steps 'ten' is not valid; expected an integer", error.Message, StringComparison.Ordinal);

        var element = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--learning-rates", "0.1,abc"))));
        Assert.Contains("--learning-rates element 'abc' is not valid", element.Message, StringComparison.Ordinal);

        var infinite = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--max-t", "Infinity"))));
        Assert.Equal("max-t", infinite.Setting);

        var enumValue = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--mode", "slow"))));
        Assert.Contains("expected one of Fast, Careful, class", enumValue.Message, StringComparison.Ordinal);

        var enumElement = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--modes", "fast,slow"))));
        Assert.Contains("element 'slow' is not valid", enumElement.Message, StringComparison.Ordinal);

        var boolean = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--verbose", "yes"))));
        Assert.Contains("expected true or false", boolean.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedScalar_IsAnError_RepeatedArrayIsNot()
    {
        var error = Assert.Throws<SettingBindingException>(() => Descriptor.Create(Pairs(("--steps", "1"), ("--steps", "2"))));
        Assert.Equal("steps", error.Setting);
        Assert.Contains("--steps takes one value; it was given 2 ('1', '2')", error.Message, StringComparison.Ordinal);

        IExperiment experiment = Descriptor.Create(Pairs(("--widths", "1"), ("--widths", "2")));
        Assert.Equal(new[] { 1, 2 }, LoadedCatalog.Property(experiment, "Widths"));
    }

    private static KeyValuePair<string, string>[] Pairs(params (string Name, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToArray();
}
