using System.Collections.Generic;
using System.Numerics;
using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;

namespace Landscape.Generators.Network;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// The shape-validation pass over what the attributes declared: an [Input] (LSG0101) and at least one layer (LSG0103);
    /// then a walk that infers each layer's shape from the input, reporting at the offending attribute, with the computed
    /// shapes, a spatial layer on a flat value (LSG0110), a window larger than its padded input (LSG0111), residual blocks
    /// that are unopened (LSG0113), unclosed (LSG0114), nested (LSG0115) or empty (LSG0116), a shortcut whose shapes differ
    /// without a projection (LSG0117) or that a projection cannot match (LSG0118), an output that is not flat (LSG0120),
    /// softmax cross-entropy over one output (LSG0106), and values or parameters that do not fit in one .NET array
    /// (LSG0107); last, when nothing else is wrong, a network without parameters (LSG0121). Returns false when the network
    /// cannot be generated; <paramref name="diagnostics"/> then says why (it is empty for a declaration the compiler already
    /// rejects). On success, gives the loss and the layers.
    /// </summary>
    private static bool TryValidateShape(DeclaredNetwork declared, string name, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics, out LossKind loss, out LayerSpec[] layers)
    {
        loss = default;
        layers = [];
        if (declared.Broken && diagnostics.Count == 0)
            return false;
        if (declared.InputCount == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, nameLocation, name));
        if (declared.Layers.Count == 0 && !declared.Broken)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, nameLocation, name));

        Shape? input = declared.InputImage is { } image ? Shape.Spatial(image.Channels, image.Height, image.Width)
            : declared.InputSize > 0 ? Shape.Flat(declared.InputSize)
            : null;
        var walk = new ShapeWalk(name, diagnostics, input);
        foreach (DeclaredLayer layer in declared.Layers) walk.Visit(layer);
        walk.Finish(declared.Layers, declared.Loss);

        if (diagnostics.Count > 0 || declared.Broken || declared.Loss is null)
            return false;
        if (walk.ParameterCount > MaxArrayLength)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLarge, nameLocation, name,
                $"it has {Literals.Grouped(walk.ParameterCount)} parameters, more than the {Literals.Grouped(MaxArrayLength)} that fit in one array"));
            return false;
        }
        // Only pooling layers (and identity shortcuts): nothing depends on θ, so there is no gradient for the emitter to write.
        if (walk.ParameterCount.IsZero)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoParameters, nameLocation, name));
            return false;
        }
        loss = declared.Loss.Value;
        var specs = new LayerSpec[declared.Layers.Count];
        for (int i = 0; i < specs.Length; i++) specs[i] = declared.Layers[i].Layer;
        layers = specs;
        return true;
    }

    /// <summary>
    /// Shape inference over the declared layers in order. The current shape becomes unknown after a layer whose numbers
    /// are invalid or whose shape is an error, so one mistake is reported once; the residual blocks' structure is checked
    /// whatever the shapes.
    /// </summary>
    private sealed class ShapeWalk(string network, List<DiagnosticInfo> diagnostics, Shape? input)
    {
        private Shape? _shape = input;
        private OpenBlock? _open;
        private int _blocks;

        /// <summary>The block the latest [ResidualEnd] closed (null if it closed none), which names it in LSG0120's message.</summary>
        private string? _closed;

        /// <summary>The parameter count so far, exact (the pass reports a count above the array limit instead of wrapping).</summary>
        public BigInteger ParameterCount { get; private set; }

        /// <summary>The block a [ResidualBegin] opened: its name, location, input shape, layers so far and stride product.</summary>
        private sealed class OpenBlock(string name, LocationInfo? location, Shape? input)
        {
            public string Name { get; } = name;
            public LocationInfo? Location { get; } = location;
            public Shape? Input { get; } = input;
            public int Layers { get; set; }
            public long Stride { get; set; } = 1;
        }

        public void Visit(DeclaredLayer declared)
        {
            LayerSpec layer = declared.Layer;
            switch (layer.Kind)
            {
                case LayerKind.ResidualBegin:
                    if (_open is not null)
                        Report(DiagnosticDescriptors.NestedResidualBlock, declared.Location, _open.Name);
                    else
                        _open = new OpenBlock(LayerNames.Of(LayerKind.ResidualBegin, _blocks++), declared.Location, _shape);
                    return;
                case LayerKind.ResidualEnd:
                    End(declared);
                    return;
            }
            if (_open is not null)
            {
                _open.Layers++;
                _open.Stride = System.Math.Min(_open.Stride * ShapeInference.StrideOf(layer), MaxArrayLength);
            }
            if (!declared.Valid || _shape is not { } shape)
            {
                _shape = null;
                return;
            }
            _shape = Infer(declared, shape);
        }

        /// <summary>The shape after <paramref name="declared"/> (a dense, convolution or pooling layer) reads <paramref name="shape"/>, or null after an error.</summary>
        private Shape? Infer(DeclaredLayer declared, Shape shape)
        {
            LayerSpec layer = declared.Layer;
            string title = Title(declared);
            if (layer.Kind != LayerKind.Dense && !shape.IsSpatial)
            {
                Report(DiagnosticDescriptors.SpatialLayerOnFlatValue, declared.Location, title, Literals.Int(shape.Size));
                return null;
            }
            if (layer.Kind is LayerKind.Conv2d or LayerKind.MaxPool2d or LayerKind.AvgPool2d)
            {
                long height = shape.Height + 2L * layer.Padding, width = shape.Width + 2L * layer.Padding;
                if (layer.Kernel > height || layer.Kernel > width)
                {
                    Report(DiagnosticDescriptors.WindowLargerThanInput, declared.Location, title, shape.ToString(), Literals.Int(layer.Kernel),
                        $"{Literals.Int(height)}×{Literals.Int(width)}", Literals.Int(layer.Padding));
                    return null;
                }
            }
            (long channels, long h, long w, bool spatial) = ShapeInference.Output(layer, shape);
            // Exact products: with extents up to ~2³³ (a padding near int.MaxValue) and kernels up to 2³¹, a long wraps, and
            // a wrapped size would pass the check below and give a shape with negative extents.
            BigInteger size = (BigInteger)channels * h * w;
            BigInteger weights = layer.Kind switch
            {
                LayerKind.Dense => (BigInteger)layer.Units * shape.Size + (layer.Bias ? layer.Units : 0),
                LayerKind.Conv2d => (BigInteger)layer.Units * shape.Channels * layer.Kernel * layer.Kernel + (layer.Bias ? layer.Units : 0),
                _ => BigInteger.Zero,
            };
            BigInteger patches = layer.Kind == LayerKind.Conv2d ? (BigInteger)shape.Channels * layer.Kernel * layer.Kernel * h * w : BigInteger.Zero;
            if (size > MaxArrayLength || patches > MaxArrayLength)
            {
                string what = size > MaxArrayLength ? $"its output {Literals.Int(channels)}×{Literals.Int(h)}×{Literals.Int(w)} has {Literals.Grouped(size)} values per example"
                    : $"its patch matrix has {Literals.Grouped(patches)} values per example";
                Report(DiagnosticDescriptors.TooLarge, declared.Location, network, $"{title}: {what}, more than fit in one array");
                return null;
            }
            ParameterCount += weights;
            return spatial ? Shape.Spatial((int)channels, (int)h, (int)w) : Shape.Flat((int)size);
        }

        /// <summary>A [ResidualEnd]: closes the open block, checking that S(x) can be added to F(x).</summary>
        private void End(DeclaredLayer declared)
        {
            _closed = _open?.Name;
            if (_open is not { } block)
            {
                Report(DiagnosticDescriptors.ResidualEndWithoutBegin, declared.Location, network);
                return;
            }
            _open = null;
            if (block.Layers == 0)
            {
                Report(DiagnosticDescriptors.EmptyResidualBlock, declared.Location, block.Name);
                _shape = null;
                return;
            }
            if (!declared.Valid || _shape is not { } output || block.Input is not { } x)
            {
                _shape = null;
                return;
            }
            string shortcut = output.IsSpatial ? $"1×1 convolution (stride {Literals.Int((int)block.Stride)})" : "dense";
            if (!declared.Layer.Projection)
            {
                if (output != x) Report(DiagnosticDescriptors.ResidualShapeMismatch, declared.Location, block.Name, x.ToString(), output.ToString(), shortcut);
                if (output != x) _shape = null;
                return;
            }
            if (output.IsSpatial)
            {
                Shape projected = ShapeInference.Projection(x, output.Channels, block.Stride);
                if (projected != output)
                {
                    Report(DiagnosticDescriptors.ProjectionCannotMatch, declared.Location, block.Name, x.ToString(), output.ToString(), Literals.Int((int)block.Stride), projected.ToString());
                    _shape = null;
                    return;
                }
                ParameterCount += (long)output.Channels * x.Channels + output.Channels;
                return;
            }
            ParameterCount += (long)output.Size * x.Size + output.Size;
        }

        /// <summary>After the last layer: an unclosed block (LSG0114), an image output (LSG0120), cross-entropy over one output (LSG0106).</summary>
        public void Finish(List<DeclaredLayer> layers, LossKind? loss)
        {
            if (_open is { } block)
                Report(DiagnosticDescriptors.UnclosedResidualBlock, block.Location, block.Name, network);
            if (layers.Count == 0) return;
            DeclaredLayer last = layers[layers.Count - 1];
            if (_shape is { IsSpatial: true } output)
            {
                // A [ResidualEnd] is named after the block it closes (the last one closed, since it is the last layer).
                string title = last.Layer.Kind == LayerKind.ResidualEnd ? "[ResidualEnd]" + (_closed is { } closed ? " " + closed : "") : Title(last);
                Report(DiagnosticDescriptors.OutputNotFlat, last.Location, network, title, output.ToString());
            }
            // One output: known from the inferred shape, or (when inference stopped earlier) from a last [Dense]'s units.
            bool oneOutput = _shape is { } shape ? shape.Size == 1 : last.Layer.Kind == LayerKind.Dense && last.Layer.Units == 1;
            if (loss == LossKind.SoftmaxCrossEntropy && oneOutput)
                Report(DiagnosticDescriptors.CrossEntropyNeedsTwoOutputs, last.Location, network, "1");
        }

        /// <summary>"[Conv2d] conv1", "[Dense] dense0", "[GlobalAvgPool2d] globalavgpool0".</summary>
        private static string Title(DeclaredLayer declared) => $"[{declared.Layer.Kind}] {declared.Name}";

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }
}
