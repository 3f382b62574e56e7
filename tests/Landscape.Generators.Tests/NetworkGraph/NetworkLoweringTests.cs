using System;
using System.Linq;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Tests.NetworkGraph.GraphBuilders;

namespace Landscape.Generators.Tests.NetworkGraph;

/// <summary>NetworkSpec → OpGraph: ops, inferred shapes, parameter blocks at their offsets, consumers.</summary>
public sealed class NetworkLoweringTests
{
    [Fact]
    public void FcTanh_LowersToAChain_WithShapesBlocksAndConsumers()
    {
        OpGraph graph = NetworkLowering.Lower(Spec(LossKind.MeanSquaredError, 784,
            (200, ActivationKind.Tanh, true), (200, ActivationKind.Tanh, true), (10, ActivationKind.Identity, true)));

        Assert.Equal([OpKind.Input, OpKind.Dense, OpKind.Dense, OpKind.Dense, OpKind.Loss], graph.Nodes.Select(n => n.Kind));
        Assert.Equal(["input", "dense0", "dense1", "dense2", "loss"], graph.Nodes.Select(n => n.Name));
        Assert.Equal([784, 200, 200, 10, 1], graph.Nodes.Select(n => n.Shape.Size));
        Assert.All(graph.Nodes, n => Assert.False(n.Shape.IsSpatial));
        Assert.Equal([ActivationKind.Identity, ActivationKind.Tanh, ActivationKind.Tanh, ActivationKind.Identity, ActivationKind.Identity], graph.Nodes.Select(n => n.Activation));
        for (int id = 0; id < graph.Nodes.Count; id++)
        {
            Assert.Equal(id, graph[id].Id);
            Assert.Equal(id == 0 ? Array.Empty<int>() : new[] { id - 1 }, graph[id].Inputs.ToArray());
            Assert.Equal(id == graph.Nodes.Count - 1 ? Array.Empty<(int, int)>() : new[] { (id + 1, 0) }, Uses(graph, id));
        }

        Assert.Same(graph[0], graph.Input);
        Assert.Same(graph[3], graph.Output);
        Assert.Same(graph[4], graph.Head);
        Assert.Equal([1, 2, 3], graph.Layers.Select(n => n.Id));
        Assert.Equal(LossKind.MeanSquaredError, graph.Head.Loss);

        Assert.Equal(
            [
                ("dense0.weight", "Dense0Weight", 0, 200, 784, BlockKind.Weight),
                ("dense0.bias", "Dense0Bias", 156800, 200, 1, BlockKind.Bias),
                ("dense1.weight", "Dense1Weight", 157000, 200, 200, BlockKind.Weight),
                ("dense1.bias", "Dense1Bias", 197000, 200, 1, BlockKind.Bias),
                ("dense2.weight", "Dense2Weight", 197200, 10, 200, BlockKind.Weight),
                ("dense2.bias", "Dense2Bias", 199200, 10, 1, BlockKind.Bias),
            ],
            graph.Parameters.Select(p => (p.Name, p.Constant, p.Offset, p.Rows, p.Columns, p.Kind)));
        Assert.Equal(199210, graph.ParameterCount);
        Assert.Equal(graph.Parameters.Skip(2).Take(2), graph[2].Parameters);
        Assert.Equal([false, true, true, true, true], graph.Nodes.Select(n => graph.DependsOnParameters(n.Id)));
    }

    [Fact]
    public void LayerWithoutBias_HasOnlyAWeight_AndLaterOffsetsMoveUp()
    {
        var spec = Spec(LossKind.SoftmaxCrossEntropy, 20, (32, ActivationKind.Gelu, true), (16, ActivationKind.Relu, false), (5, ActivationKind.Sigmoid, true));
        OpGraph graph = NetworkLowering.Lower(spec);

        OpNode dense1 = graph[2];
        Assert.NotNull(dense1.Weight);
        Assert.Null(dense1.Bias);
        Assert.Equal(("dense1.weight", 672, 16, 32), (dense1.Weight!.Name, dense1.Weight.Offset, dense1.Weight.Rows, dense1.Weight.Columns));
        Assert.Equal(["dense0.weight", "dense0.bias", "dense1.weight", "dense2.weight", "dense2.bias"], graph.Parameters.Select(p => p.Name));
        Assert.Equal([0, 640, 672, 1184, 1264], graph.Parameters.Select(p => p.Offset));
        Assert.Equal(1269, graph.ParameterCount);
        Assert.Equal(LossKind.SoftmaxCrossEntropy, graph.Head.Loss);
    }

    [Fact]
    public void InitializationAttributes_AreCarriedOnTheOp()
    {
        var layer = LayerSpec.Dense(3, ActivationKind.Elu, true, InitKind.Xavier, 0.25);
        var spec = Spec(LossKind.MeanSquaredError, 2, (3, ActivationKind.Elu, true)) with { Layers = new[] { layer }.ToEquatableArray() };
        OpNode dense0 = NetworkLowering.Lower(spec)[1];
        Assert.Equal((InitKind.Xavier, 0.25, 0), (dense0.Init, dense0.InitScale, dense0.Index));
    }

    [Fact]
    public void SmallestNetwork_IsInputDenseLoss()
    {
        OpGraph graph = NetworkLowering.Lower(Spec(LossKind.MeanSquaredError, 1, (1, ActivationKind.Identity, true)));
        Assert.Equal(3, graph.Nodes.Count);
        Assert.Equal([(1, 0)], Uses(graph, 0));
        Assert.Equal([(2, 0)], Uses(graph, 1));
        Assert.Same(graph[1], graph.Output);
        Assert.Equal(2, graph.ParameterCount);
    }

    [Fact]
    public void AResidualEndWithoutBegin_IsAGeneratorBug()
    {
        var spec = Spec(LossKind.MeanSquaredError, 4, (3, ActivationKind.Identity, true)) with
        {
            Layers = new[] { LayerSpec.Dense(3, ActivationKind.Identity), new LayerSpec(LayerKind.ResidualEnd, 0, ActivationKind.Identity, false, InitKind.Default, 1.0) }.ToEquatableArray(),
        };
        Assert.Throws<InvalidOperationException>(() => NetworkLowering.Lower(spec));
    }

    [Fact]
    public void Shapes_AreFlatToday_AndCanBeSpatial()
    {
        Assert.Equal((10, false, "10"), (Shape.Flat(10).Size, Shape.Flat(10).IsSpatial, Shape.Flat(10).ToString()));
        Shape image = Shape.Spatial(6, 28, 28);
        Assert.Equal((4704, true, "6×28×28"), (image.Size, image.IsSpatial, image.ToString()));
        Assert.NotEqual(Shape.Flat(6), Shape.Spatial(6, 1, 1));
    }

    [Fact]
    public void GraphsThatAreNotTopologicalOrLackAHead_AreRejected()
    {
        Assert.Throws<InvalidOperationException>(() => new OpGraph([Input(3), Op(1, 2, ActivationKind.Tanh, true, 2), Loss(2, 1)]));
        Assert.Throws<InvalidOperationException>(() => new OpGraph([Input(3), Op(2, 2, ActivationKind.Tanh, true, 0), Loss(2, 1)]));
        Assert.Throws<InvalidOperationException>(() => new OpGraph([Input(3), Op(1, 2, ActivationKind.Tanh, true, 0)]));
        Assert.Throws<InvalidOperationException>(() => new OpGraph([Input(3), Loss(1, 0), Op(2, 2, ActivationKind.Tanh, true, 1)]));
    }

    [Fact]
    public void AValueReadTwice_ListsBothUses()
    {
        // input → op1 → op2(op1) → op3(op1, op2) → loss: op1's value forks, as a residual block's input will.
        var graph = new OpGraph([Input(4), Op(1, 3, ActivationKind.Tanh, true, 0), Op(2, 3, ActivationKind.Relu, true, 1), Op(3, 3, ActivationKind.Identity, true, 1, 2), Loss(4, 3)]);
        Assert.Equal([(2, 0), (3, 0)], Uses(graph, 1));
        Assert.Equal([(3, 1)], Uses(graph, 2));
        Assert.Equal([(4, 0)], Uses(graph, 3));
    }
}
