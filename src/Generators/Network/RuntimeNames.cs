namespace Landscape.Generators.Network;

/// <summary>
/// Runtime names used by the generated network code, declared once (E3). Everything is global::-qualified so user types
/// with the same simple names cannot capture them.
/// </summary>
internal static class RuntimeNames
{
    /// <summary>A writable span of doubles.</summary>
    public const string Span = "global::System.Span<double>";

    /// <summary>A read-only span of doubles.</summary>
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<double>";

    /// <summary>Read-only memory of doubles (the dataset's inputs and targets, held by the workspace).</summary>
    public const string ReadOnlyMemory = "global::System.ReadOnlyMemory<double>";

    /// <summary>System.Math.</summary>
    public const string MathType = "global::System.Math";

    /// <summary>The GEMM kernels (NT, NN, TN with packed operands).</summary>
    public const string Gemm = "global::" + KnownTypeNames.Gemm;

    /// <summary>The activation drivers (bias, σ, σ′, R σ′ epilogues and their backward steps).</summary>
    public const string Epilogue = "global::" + KnownTypeNames.Epilogue;

    /// <summary>The loss heads (ℓ and ∂ℓ/∂a, and their R-images).</summary>
    public const string LossHeads = "global::" + KnownTypeNames.LossHeads;

    /// <summary>Column sums (bias gradients).</summary>
    public const string Reductions = "global::" + KnownTypeNames.Reductions;

    /// <summary>im2col/col2im, the per-example convolution products and the channel-bias helpers.</summary>
    public const string Convolution = "global::" + KnownTypeNames.Convolution;

    /// <summary>Max, average and global average pooling with their adjoints.</summary>
    public const string Pooling = "global::" + KnownTypeNames.Pooling;

    /// <summary>Elementwise sums of spans (a residual add and its deltas): System.Numerics.Tensors, a dependency of Landscape.Runtime.</summary>
    public const string TensorPrimitives = "global::System.Numerics.Tensors.TensorPrimitives";

    /// <summary>Block and chunk sizes and the in-order loss sum of a chunk.</summary>
    public const string ExampleBlocks = "global::" + KnownTypeNames.ExampleBlocks;

    /// <summary>The pairwise tree over chunk indices that combines the chunks' partial sums.</summary>
    public const string ChunkTree = "global::" + KnownTypeNames.ChunkTree;

    /// <summary>Argument checks.</summary>
    public const string Check = "global::" + KnownTypeNames.Check;

    /// <summary>Seeded weight initialization.</summary>
    public const string Initializers = "global::" + KnownTypeNames.Initializers;

    /// <summary>The worker threads that run the blocks of a chunk.</summary>
    public const string WorkerPool = "global::" + KnownTypeNames.KernelsNamespace + ".WorkerPool";

    /// <summary>A weight matrix packed once per call for the block products.</summary>
    public const string PackedOperand = "global::" + KnownTypeNames.KernelsNamespace + ".PackedOperand";

    /// <summary>Landscape.Dataset.</summary>
    public const string Dataset = "global::" + KnownTypeNames.Dataset;

    /// <summary>Landscape.ParameterLayout.</summary>
    public const string ParameterLayout = "global::" + KnownTypeNames.ParameterLayout;

    /// <summary>Landscape.ParameterBlock.</summary>
    public const string ParameterBlock = "global::" + KnownTypeNames.ParameterBlock;

    /// <summary>Landscape.ParameterKind.</summary>
    public const string ParameterKind = "global::" + KnownTypeNames.ParameterKind;

    /// <summary>The pool of per-call workspaces.</summary>
    public const string WorkspacePool = "global::Landscape.Models.WorkspacePool<Workspace>";

    /// <summary>The partial sums over a run of whole chunks (data-parallel evaluation; the public methods go through them too).</summary>
    public const string PartialSumsInterface = "global::" + KnownTypeNames.IPartialSums;

    /// <summary>The fixed points of parts of a dataset, for a Hessian operator on a data-parallel model.</summary>
    public const string PartialFixedPointsInterface = "global::" + KnownTypeNames.IPartialFixedPoints;

    /// <summary>The interface through which Hessian.Operator finds a model's fixed point.</summary>
    public const string FixedPointModel = "global::" + KnownTypeNames.FixedPointModel;

    /// <summary>A Hessian operator's fixed point, as a generated model keeps it.</summary>
    public const string FixedPointInterface = "global::" + KnownTypeNames.FixedPoint;

    /// <summary>The activation operator struct for <paramref name="activation"/> (a type argument of the epilogue drivers).</summary>
    public static string ActivationType(Model.ActivationKind activation) => $"global::{KnownTypeNames.KernelsNamespace}.{activation}Activation";
}
