using System;
using System.Globalization;
using System.Linq;
using Landscape.Kernels;

namespace Landscape.Benchmarks;

/// <summary>
/// <c>time</c> probes of the convolutional kernels at the shapes the generated P3/P4 code calls them with, for profiling
/// (bench/PROFILE.md). Every probe is one kernel call on a block of R examples, with the arguments in the order of the
/// generated call: <c>conv-forward:R,C,H,W,O,K,S,P</c> (<see cref="Convolution.Forward"/>: im2col of each example into one scratch row, then its product),
/// <c>conv-deltas:R,C,H,W,O,K,S,P[,2]</c> (<see cref="Convolution.InputDeltas"/>; ",2" adds the R-backward's second
/// term Vᵀ·H), <c>conv-wgrad:R,C,H,W,O,K,S,P</c> (<see cref="Convolution.WeightGradient"/>), <c>im2col:R,C,H,W,K,S,P</c>,
/// <c>col2im:R,C,H,W,K,S,P</c>, <c>avgpool-fwd:R,C,H,W,K</c> and <c>avgpool-bwd:R,C,H,W,K</c> (stride K, no padding).
/// FLOPs are the GEMMs' 2·R·O·Q·L (twice that with ",2"); the memory-bound probes count the values they write instead.
/// <c>col2im</c> scatters a whole block's patches, which are out of cache at these shapes: it is slower per value than
/// the one-example <c>Col2Im</c> inside <see cref="Convolution.InputDeltas"/>, whose scratch stays in cache.
/// </summary>
internal static class ConvolutionProbe
{
    private static readonly string[] s_kinds = ["conv-forward", "conv-deltas", "conv-wgrad", "im2col", "col2im", "avgpool-fwd", "avgpool-bwd"];

    public static bool Matches(string what) => s_kinds.Any(k => what.StartsWith(k + ":", StringComparison.Ordinal));

    public static (Action Call, double Flops) Create(string what)
    {
        int colon = what.IndexOf(':', StringComparison.Ordinal);
        string kind = what[..colon];
        int[] a = what[(colon + 1)..].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var random = new Random(Problem.Seed);
        double[] Fill(long length)
        {
            var values = new double[length];
            for (long i = 0; i < length; i++) values[i] = random.NextDouble() - 0.5;
            return values;
        }
        int rows = a[0], channels = a[1], height = a[2], width = a[3];
        switch (kind)
        {
            case "conv-forward" or "conv-deltas" or "conv-wgrad":
            {
                int outChannels = a[4], kernel = a[5], stride = a[6], padding = a[7];
                bool second = a.Length > 8 && a[8] == 2;
                int outH = Convolution.OutputSize(height, kernel, stride, padding), outW = Convolution.OutputSize(width, kernel, stride, padding);
                int q = channels * kernel * kernel, l = outH * outW;
                double[] weight = Fill((long)outChannels * q), direction = Fill((long)outChannels * q);
                double[] input = Fill((long)rows * channels * height * width), output = Fill((long)rows * outChannels * l), other = Fill((long)rows * outChannels * l);
                double[] inputDeltas = new double[(long)rows * channels * height * width], scratch = new double[(long)q * l];
                double[] gradient = new double[(long)outChannels * q];
                double flops = 2.0 * rows * outChannels * q * l;
                return kind switch
                {
                    "conv-forward" => (() => Convolution.Forward(weight, input, scratch, output, rows, channels, height, width, outChannels, kernel, stride, padding), flops),
                    "conv-wgrad" => (() => Convolution.WeightGradient(output, input, scratch, gradient, rows, channels, height, width, outChannels, kernel, stride, padding), flops),
                    _ => second
                        ? (() => Convolution.InputDeltas(weight, output, direction, other, scratch, inputDeltas, rows, channels, height, width, outChannels, kernel, stride, padding), 2 * flops)
                        : (() => Convolution.InputDeltas(weight, output, default, default, scratch, inputDeltas, rows, channels, height, width, outChannels, kernel, stride, padding), flops),
                };
            }
            case "im2col" or "col2im":
            {
                int kernel = a[4], stride = a[5], padding = a[6];
                int outH = Convolution.OutputSize(height, kernel, stride, padding), outW = Convolution.OutputSize(width, kernel, stride, padding);
                long patchLength = (long)rows * channels * kernel * kernel * outH * outW, inputLength = (long)rows * channels * height * width;
                double[] input = Fill(inputLength), patches = Fill(patchLength);
                return kind == "im2col"
                    ? (() => Convolution.Im2Col(input, patches, rows, channels, height, width, kernel, stride, padding), patchLength)
                    : (() => Convolution.Col2Im(patches, input, rows, channels, height, width, kernel, stride, padding), inputLength);
            }
            default:
            {
                int size = a[4];
                int outH = height / size, outW = width / size;
                double[] input = Fill((long)rows * channels * height * width), output = Fill((long)rows * channels * outH * outW);
                return kind == "avgpool-fwd"
                    ? (() => Pooling.AverageForward(input, output, rows, channels, height, width, size, size, 0), output.Length)
                    : (() => Pooling.AverageBackward(output, input, rows, channels, height, width, size, size, 0), input.Length);
            }
        }
    }
}
