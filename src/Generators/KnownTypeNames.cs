namespace Landscape.Generators;

/// <summary>
/// Metadata and fully qualified names of the Runtime and Harness types the generator looks for or emits (the experiment
/// types live in Landscape.Harness, everything else in Landscape.Runtime). The generator references neither; a test checks
/// every constant against <c>typeof(...)</c> and its assembly, so they cannot drift apart.
/// </summary>
internal static class KnownTypeNames
{
    /// <summary>Metadata name of <c>Landscape.NetworkAttribute</c>.</summary>
    public const string NetworkAttribute = "Landscape.NetworkAttribute";

    /// <summary>Metadata name of <c>Landscape.InputAttribute</c>.</summary>
    public const string InputAttribute = "Landscape.InputAttribute";

    /// <summary>Metadata name of <c>Landscape.DenseAttribute</c>.</summary>
    public const string DenseAttribute = "Landscape.DenseAttribute";

    /// <summary>Metadata name of <c>Landscape.Conv2dAttribute</c>.</summary>
    public const string Conv2dAttribute = "Landscape.Conv2dAttribute";

    /// <summary>Metadata name of <c>Landscape.MaxPool2dAttribute</c>.</summary>
    public const string MaxPool2dAttribute = "Landscape.MaxPool2dAttribute";

    /// <summary>Metadata name of <c>Landscape.AvgPool2dAttribute</c>.</summary>
    public const string AvgPool2dAttribute = "Landscape.AvgPool2dAttribute";

    /// <summary>Metadata name of <c>Landscape.GlobalAvgPool2dAttribute</c>.</summary>
    public const string GlobalAvgPool2dAttribute = "Landscape.GlobalAvgPool2dAttribute";

    /// <summary>Metadata name of <c>Landscape.ResidualBeginAttribute</c>.</summary>
    public const string ResidualBeginAttribute = "Landscape.ResidualBeginAttribute";

    /// <summary>Metadata name of <c>Landscape.ResidualEndAttribute</c>.</summary>
    public const string ResidualEndAttribute = "Landscape.ResidualEndAttribute";

    /// <summary>Metadata name of <c>Landscape.ObjectiveAttribute</c>.</summary>
    public const string ObjectiveAttribute = "Landscape.ObjectiveAttribute";

    /// <summary>Metadata name of <c>Landscape.LossFunction</c>.</summary>
    public const string LossFunction = "Landscape.LossFunction";

    /// <summary>Metadata name of <c>Landscape.Activation</c>.</summary>
    public const string Activation = "Landscape.Activation";

    /// <summary>Metadata name of <c>Landscape.Init</c>.</summary>
    public const string Init = "Landscape.Init";

    /// <summary>Metadata name of <c>Landscape.IModel</c>.</summary>
    public const string IModel = "Landscape.IModel";

    /// <summary>Metadata name of <c>Landscape.Dataset</c>.</summary>
    public const string Dataset = "Landscape.Dataset";

    /// <summary>Metadata name of <c>Landscape.ParameterLayout</c>.</summary>
    public const string ParameterLayout = "Landscape.ParameterLayout";

    /// <summary>Metadata name of <c>Landscape.ParameterBlock</c>.</summary>
    public const string ParameterBlock = "Landscape.ParameterBlock";

    /// <summary>Metadata name of <c>Landscape.ParameterKind</c>.</summary>
    public const string ParameterKind = "Landscape.ParameterKind";

    /// <summary>Metadata name of <c>Landscape.Parallelism</c>.</summary>
    public const string Parallelism = "Landscape.Parallelism";

    /// <summary>Metadata name of <c>Landscape.NetworkDescriptor</c> (the entries of the generated network catalog).</summary>
    public const string NetworkDescriptor = "Landscape.NetworkDescriptor";

    /// <summary>Metadata name of <c>Landscape.Kernels.Gemm</c>.</summary>
    public const string Gemm = "Landscape.Kernels.Gemm";

    /// <summary>Metadata name of <c>Landscape.Kernels.Epilogue</c>.</summary>
    public const string Epilogue = "Landscape.Kernels.Epilogue";

    /// <summary>Metadata name of <c>Landscape.Kernels.LossHeads</c>.</summary>
    public const string LossHeads = "Landscape.Kernels.LossHeads";

    /// <summary>Metadata name of <c>Landscape.Kernels.Convolution</c>.</summary>
    public const string Convolution = "Landscape.Kernels.Convolution";

    /// <summary>Metadata name of <c>Landscape.Kernels.Pooling</c>.</summary>
    public const string Pooling = "Landscape.Kernels.Pooling";

    /// <summary>Metadata name of <c>Landscape.Kernels.Reductions</c>.</summary>
    public const string Reductions = "Landscape.Kernels.Reductions";

    /// <summary>Metadata name of <c>Landscape.Models.ExampleBlocks</c>.</summary>
    public const string ExampleBlocks = "Landscape.Models.ExampleBlocks";

    /// <summary>Metadata name of <c>Landscape.Models.ChunkTree</c>.</summary>
    public const string ChunkTree = "Landscape.Models.ChunkTree";

    /// <summary>Metadata name of <c>Landscape.Models.WorkspacePool`1</c>.</summary>
    public const string WorkspacePool = "Landscape.Models.WorkspacePool`1";

    /// <summary>Metadata name of <c>Landscape.Models.Initializers</c>.</summary>
    public const string Initializers = "Landscape.Models.Initializers";

    /// <summary>Metadata name of <c>Landscape.Models.IFixedPointModel</c>.</summary>
    public const string FixedPointModel = "Landscape.Models.IFixedPointModel";

    /// <summary>Metadata name of <c>Landscape.Models.IFixedPoint</c>.</summary>
    public const string FixedPoint = "Landscape.Models.IFixedPoint";

    /// <summary>Metadata name of <c>Landscape.Models.DenseFixedPoint</c>.</summary>
    public const string DenseFixedPoint = "Landscape.Models.DenseFixedPoint";

    /// <summary>Metadata name of <c>Landscape.Models.Check</c>.</summary>
    public const string Check = "Landscape.Models.Check";

    /// <summary>Metadata name of <c>Landscape.Models.IPartialFixedPoints</c>.</summary>
    public const string IPartialFixedPoints = "Landscape.Models.IPartialFixedPoints";

    /// <summary>Metadata name of <c>Landscape.Models.IPartialSums</c>.</summary>
    public const string IPartialSums = "Landscape.Models.IPartialSums";

    /// <summary>Metadata name of <c>Landscape.Models.IDataFreeModel</c>.</summary>
    public const string IDataFreeModel = "Landscape.Models.IDataFreeModel";

    /// <summary>Metadata name of <c>Landscape.ExperimentAttribute</c>.</summary>
    public const string ExperimentAttribute = "Landscape.ExperimentAttribute";

    /// <summary>Metadata name of <c>Landscape.SettingAttribute</c>.</summary>
    public const string SettingAttribute = "Landscape.SettingAttribute";

    /// <summary>Metadata name of <c>Landscape.Experiments.IExperiment</c>.</summary>
    public const string IExperiment = "Landscape.Experiments.IExperiment";

    /// <summary>Metadata name of <c>Landscape.Experiments.ExperimentContext</c>.</summary>
    public const string ExperimentContext = "Landscape.Experiments.ExperimentContext";

    /// <summary>Metadata name of <c>Landscape.Experiments.ExperimentResult</c>.</summary>
    public const string ExperimentResult = "Landscape.Experiments.ExperimentResult";

    /// <summary>Metadata name of <c>Landscape.Experiments.ExperimentDescriptor</c>.</summary>
    public const string ExperimentDescriptor = "Landscape.Experiments.ExperimentDescriptor";

    /// <summary>Metadata name of <c>Landscape.Experiments.SettingDescriptor</c>.</summary>
    public const string SettingDescriptor = "Landscape.Experiments.SettingDescriptor";

    /// <summary>Metadata name of <c>Landscape.Experiments.SettingKind</c>.</summary>
    public const string SettingKind = "Landscape.Experiments.SettingKind";

    /// <summary>Metadata name of <c>Landscape.Experiments.SettingValues</c>.</summary>
    public const string SettingValues = "Landscape.Experiments.SettingValues";

    /// <summary>Metadata name of <c>Landscape.Experiments.SettingText</c>.</summary>
    public const string SettingText = "Landscape.Experiments.SettingText";

    /// <summary>Namespace of the activation operator structs (<c>Landscape.Kernels.TanhActivation</c>, ...).</summary>
    public const string KernelsNamespace = "Landscape.Kernels";

    /// <summary>A C# reference to a Runtime type by its metadata name: <c>global::</c> plus the name (non-generic types only).</summary>
    public static string Global(string metadataName) => "global::" + metadataName;
}
