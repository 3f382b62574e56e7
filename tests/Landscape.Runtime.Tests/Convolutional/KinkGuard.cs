using System;
using Landscape.Tests.Reference;

namespace Landscape.Tests.Convolutional;

/// <summary>
/// Keeps finite differences on one smooth piece of a piecewise-smooth network (ReLU, max pooling, ELU's second derivative):
/// records, with the reference, which piece every example is on at θ (<see cref="ReferenceGraphNetwork.Pattern"/>) and fails
/// a test whose difference point lies on another piece. A central difference across a kink measures the jump, not the
/// derivative, so such a failure says the test point was chosen too close to a kink, not that the derivative is wrong; the
/// seeds of the tests are fixed, so a passing test stays on its pieces. A step that changes only parameters after the last
/// layer with a kink cannot change the pattern and is not re-evaluated (the reference is a tape: a pattern per example and
/// point costs a whole forward pass).
/// </summary>
internal sealed class KinkGuard
{
    private readonly ReferenceGraphNetwork _reference;
    private readonly Dataset _data;
    private readonly ReferenceGraphNetwork.Kinks _kinks;
    private readonly int[][] _atTheta;
    private readonly int _guarded;

    public KinkGuard(ReferenceGraphNetwork reference, ReadOnlySpan<double> theta, Dataset data, ReferenceGraphNetwork.Kinks kinks)
    {
        _reference = reference;
        _data = data;
        _kinks = kinks;
        _guarded = reference.PatternParameters(kinks);
        _atTheta = new int[data.Count][];
        if (_guarded == 0) return; // smooth: one piece everywhere
        for (int e = 0; e < data.Count; e++) _atTheta[e] = reference.Pattern(theta, data.Input(e), kinks);
    }

    /// <summary>Fails unless every example is on the same piece at <paramref name="point"/> as at θ.</summary>
    public void AssertSamePiece(ReadOnlySpan<double> point, string what) => AssertSamePiece(point, 0, what);

    /// <summary>
    /// Fails unless every example is on the same piece at <paramref name="point"/> as at θ, where <paramref name="point"/>
    /// differs from θ only in coordinates ≥ <paramref name="firstChanged"/>: nothing to check when those coordinates all lie
    /// after the last layer with a kink (<see cref="ReferenceGraphNetwork.PatternParameters"/>).
    /// </summary>
    public void AssertSamePiece(ReadOnlySpan<double> point, int firstChanged, string what)
    {
        if (firstChanged >= _guarded) return;
        for (int e = 0; e < _data.Count; e++)
        {
            int[] pattern = _reference.Pattern(point, _data.Input(e), _kinks);
            if (!pattern.AsSpan().SequenceEqual(_atTheta[e]))
                Assert.Fail($"{what}: example {e} is on another smooth piece than at θ ({_kinks} kinks), so the finite difference would straddle a kink; choose a test point farther from one.");
        }
    }
}
