using System;
using System.Linq;
using System.Reflection;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Tests;

/// <summary>
/// The generator cannot reference Landscape.Runtime or Landscape.Harness, so it names their types by string and mirrors their enums. These
/// tests pin every string to <c>typeof(...)</c> and every mirror enum to its Runtime enum, so a rename cannot drift.
/// </summary>
public sealed class KnownTypeNamesTests
{
    public static TheoryData<string, string, Type> Constants => new()
    {
        { nameof(KnownTypeNames.NetworkAttribute), KnownTypeNames.NetworkAttribute, typeof(NetworkAttribute) },
        { nameof(KnownTypeNames.InputAttribute), KnownTypeNames.InputAttribute, typeof(InputAttribute) },
        { nameof(KnownTypeNames.DenseAttribute), KnownTypeNames.DenseAttribute, typeof(DenseAttribute) },
        { nameof(KnownTypeNames.Conv2dAttribute), KnownTypeNames.Conv2dAttribute, typeof(Conv2dAttribute) },
        { nameof(KnownTypeNames.MaxPool2dAttribute), KnownTypeNames.MaxPool2dAttribute, typeof(MaxPool2dAttribute) },
        { nameof(KnownTypeNames.AvgPool2dAttribute), KnownTypeNames.AvgPool2dAttribute, typeof(AvgPool2dAttribute) },
        { nameof(KnownTypeNames.GlobalAvgPool2dAttribute), KnownTypeNames.GlobalAvgPool2dAttribute, typeof(GlobalAvgPool2dAttribute) },
        { nameof(KnownTypeNames.ResidualBeginAttribute), KnownTypeNames.ResidualBeginAttribute, typeof(ResidualBeginAttribute) },
        { nameof(KnownTypeNames.ResidualEndAttribute), KnownTypeNames.ResidualEndAttribute, typeof(ResidualEndAttribute) },
        { nameof(KnownTypeNames.ObjectiveAttribute), KnownTypeNames.ObjectiveAttribute, typeof(ObjectiveAttribute) },
        { nameof(KnownTypeNames.LossFunction), KnownTypeNames.LossFunction, typeof(LossFunction) },
        { nameof(KnownTypeNames.Activation), KnownTypeNames.Activation, typeof(Activation) },
        { nameof(KnownTypeNames.Init), KnownTypeNames.Init, typeof(Init) },
        { nameof(KnownTypeNames.IModel), KnownTypeNames.IModel, typeof(IModel) },
        { nameof(KnownTypeNames.Dataset), KnownTypeNames.Dataset, typeof(Dataset) },
        { nameof(KnownTypeNames.ParameterLayout), KnownTypeNames.ParameterLayout, typeof(ParameterLayout) },
        { nameof(KnownTypeNames.ParameterBlock), KnownTypeNames.ParameterBlock, typeof(ParameterBlock) },
        { nameof(KnownTypeNames.ParameterKind), KnownTypeNames.ParameterKind, typeof(ParameterKind) },
        { nameof(KnownTypeNames.Parallelism), KnownTypeNames.Parallelism, typeof(Parallelism) },
        { nameof(KnownTypeNames.NetworkDescriptor), KnownTypeNames.NetworkDescriptor, typeof(NetworkDescriptor) },
        { nameof(KnownTypeNames.Gemm), KnownTypeNames.Gemm, typeof(Kernels.Gemm) },
        { nameof(KnownTypeNames.Epilogue), KnownTypeNames.Epilogue, typeof(Kernels.Epilogue) },
        { nameof(KnownTypeNames.LossHeads), KnownTypeNames.LossHeads, typeof(Kernels.LossHeads) },
        { nameof(KnownTypeNames.Convolution), KnownTypeNames.Convolution, typeof(Kernels.Convolution) },
        { nameof(KnownTypeNames.Pooling), KnownTypeNames.Pooling, typeof(Kernels.Pooling) },
        { nameof(KnownTypeNames.Reductions), KnownTypeNames.Reductions, typeof(Kernels.Reductions) },
        { nameof(KnownTypeNames.ExampleBlocks), KnownTypeNames.ExampleBlocks, typeof(Models.ExampleBlocks) },
        { nameof(KnownTypeNames.ChunkTree), KnownTypeNames.ChunkTree, typeof(Models.ChunkTree) },
        { nameof(KnownTypeNames.WorkspacePool), KnownTypeNames.WorkspacePool, typeof(Models.WorkspacePool<>) },
        { nameof(KnownTypeNames.Initializers), KnownTypeNames.Initializers, typeof(Models.Initializers) },
        { nameof(KnownTypeNames.Check), KnownTypeNames.Check, typeof(Models.Check) },
        { nameof(KnownTypeNames.FixedPointModel), KnownTypeNames.FixedPointModel, typeof(Models.IFixedPointModel) },
        { nameof(KnownTypeNames.FixedPoint), KnownTypeNames.FixedPoint, typeof(Models.IFixedPoint) },
        { nameof(KnownTypeNames.DenseFixedPoint), KnownTypeNames.DenseFixedPoint, typeof(Models.DenseFixedPoint) },
        { nameof(KnownTypeNames.IPartialSums), KnownTypeNames.IPartialSums, typeof(Models.IPartialSums) },
        { nameof(KnownTypeNames.IPartialFixedPoints), KnownTypeNames.IPartialFixedPoints, typeof(Models.IPartialFixedPoints) },
        { nameof(KnownTypeNames.IDataFreeModel), KnownTypeNames.IDataFreeModel, typeof(Models.IDataFreeModel) },
        { nameof(KnownTypeNames.ExperimentAttribute), KnownTypeNames.ExperimentAttribute, typeof(ExperimentAttribute) },
        { nameof(KnownTypeNames.SettingAttribute), KnownTypeNames.SettingAttribute, typeof(SettingAttribute) },
        { nameof(KnownTypeNames.IExperiment), KnownTypeNames.IExperiment, typeof(Experiments.IExperiment) },
        { nameof(KnownTypeNames.ExperimentContext), KnownTypeNames.ExperimentContext, typeof(Experiments.ExperimentContext) },
        { nameof(KnownTypeNames.ExperimentResult), KnownTypeNames.ExperimentResult, typeof(Experiments.ExperimentResult) },
        { nameof(KnownTypeNames.ExperimentDescriptor), KnownTypeNames.ExperimentDescriptor, typeof(Experiments.ExperimentDescriptor) },
        { nameof(KnownTypeNames.SettingDescriptor), KnownTypeNames.SettingDescriptor, typeof(Experiments.SettingDescriptor) },
        { nameof(KnownTypeNames.SettingKind), KnownTypeNames.SettingKind, typeof(Experiments.SettingKind) },
        { nameof(KnownTypeNames.SettingValues), KnownTypeNames.SettingValues, typeof(Experiments.SettingValues) },
        { nameof(KnownTypeNames.SettingText), KnownTypeNames.SettingText, typeof(Experiments.SettingText) },
    };

    /// <summary>
    /// The constants whose types ship in Landscape.Harness (the experiment catalog's side, split out of Runtime in 0.2.0);
    /// every other constant names a Landscape.Runtime type.
    /// </summary>
    private static readonly string[] s_harnessConstants =
    [
        nameof(KnownTypeNames.ExperimentAttribute), nameof(KnownTypeNames.SettingAttribute), nameof(KnownTypeNames.IExperiment),
        nameof(KnownTypeNames.ExperimentContext), nameof(KnownTypeNames.ExperimentResult), nameof(KnownTypeNames.ExperimentDescriptor),
        nameof(KnownTypeNames.SettingDescriptor), nameof(KnownTypeNames.SettingKind), nameof(KnownTypeNames.SettingValues),
        nameof(KnownTypeNames.SettingText),
    ];

    [Theory]
    [MemberData(nameof(Constants))]
    public void Constant_IsTheFullNameOfTheRuntimeType(string constant, string value, Type type)
    {
        Assert.True(type.FullName == value, $"KnownTypeNames.{constant} is '{value}', but the Runtime type is '{type.FullName}'.");
        string assembly = s_harnessConstants.Contains(constant) ? "Landscape.Harness" : "Landscape.Runtime";
        Assert.True(type.Assembly.GetName().Name == assembly, $"{type.FullName} is in {type.Assembly.GetName().Name}, expected {assembly}.");
        Assert.True(type.IsPublic, $"{type.FullName} must be public: generated code in user assemblies references it.");
    }

    [Fact]
    public void WorkspacePool_IsTheGenericDefinitionWithOneTypeParameter()
    {
        Assert.Equal("Landscape.Models.WorkspacePool`1", KnownTypeNames.WorkspacePool);
        Assert.Single(typeof(Models.WorkspacePool<>).GetGenericArguments());
    }

    [Fact]
    public void EveryTypeConstant_IsCovered()
    {
        // A constant added to KnownTypeNames without a row above fails here. KernelsNamespace is a namespace, checked below.
        string[] covered = Constants.Select(row => (string)row[0]).Append(nameof(KnownTypeNames.KernelsNamespace)).Order(StringComparer.Ordinal).ToArray();
        string[] declared = typeof(KnownTypeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(declared, covered);
    }

    [Fact]
    public void KernelsNamespace_IsTheNamespaceOfTheKernels()
    {
        Assert.Equal(KnownTypeNames.KernelsNamespace, typeof(Kernels.Gemm).Namespace);
        Assert.Equal(KnownTypeNames.KernelsNamespace, typeof(Kernels.LossHeads).Namespace);
    }

    [Fact]
    public void Global_PrefixesGlobalAlias()
    {
        Assert.Equal("global::Landscape.IModel", KnownTypeNames.Global(KnownTypeNames.IModel));
    }

    [Fact]
    public void Summation_MirrorsExampleBlocks()
    {
        Assert.Equal(Models.ExampleBlocks.ChunkSize, Network.Summation.MaxChunkSize);
        Assert.Equal(Models.ExampleBlocks.BlockSize, Network.Summation.MaxBlockSize);
    }

    [Fact]
    public void LossKind_MirrorsLossFunction() => AssertMirror<LossKind, LossFunction>();

    [Fact]
    public void ActivationKind_MirrorsActivation() => AssertMirror<ActivationKind, Activation>();

    [Fact]
    public void InitKind_MirrorsInit() => AssertMirror<InitKind, Init>();

    [Fact]
    public void SettingKindSpec_MirrorsSettingKind() => AssertMirror<Generators.Experiment.Model.SettingKindSpec, Experiments.SettingKind>();

    /// <summary>Same member names in the same order, with the same values and the same underlying type.</summary>
    private static void AssertMirror<TMirror, TRuntime>()
        where TMirror : struct, Enum
        where TRuntime : struct, Enum
    {
        Assert.Equal(Enum.GetNames<TRuntime>(), Enum.GetNames<TMirror>());
        Assert.Equal(
            Enum.GetValues<TRuntime>().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)),
            Enum.GetValues<TMirror>().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Enum.GetUnderlyingType(typeof(TRuntime)), Enum.GetUnderlyingType(typeof(TMirror)));
        foreach (string name in Enum.GetNames<TRuntime>())
            Assert.Equal(Convert.ToInt64(Enum.Parse<TRuntime>(name), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(Enum.Parse<TMirror>(name), System.Globalization.CultureInfo.InvariantCulture));
    }
}
