using System;
using System.Collections.Generic;
using System.Globalization;

namespace Landscape.Experiments.Studies;

internal sealed partial class DataMagnitudesRun
{
    /// <summary>The claims over all seeds: each reports the seed value farthest from its expected range's centre and holds only if every seed's value does.</summary>
    private void StateClaims()
    {
        string seeds = _plan.Seeds == 1 ? "" : $" (worst of {_plan.Seeds} seeds)";
        Within("linear regime: max |wⱼ·xᵢ| of the linear-regime teachers over all data sets" + seeds, _maxPreactivation, 0, 0.01);
        Equal("(a) r ≡ 1: number of steps of ΔL(t) (runs where the local exponent exceeds 0.15)" + seeds, _singleScaleSteps, 1);
        Within("(a) r ≡ 1: local exponent at the smallest |t|" + seeds, _singleScaleFirstExponent, 1.95, 2.05);
        Within("(a) r ≡ 1: decades from p = 1.9 to p = 0.15 (one transition, at most 2 decades)" + seeds, _singleScaleTransition, 0.5, 2.0);
        Equal("(b) two groups: number of steps of ΔL(t) (runs where the local exponent exceeds 0.15)" + seeds, _twoGroupSteps, 2);
        double expectedSeparation = Math.Log10(_plan.GroupMagnitudes[1] / _plan.GroupMagnitudes[0]);
        Within(Invariant($"(b) two groups: decades between the two steps' half-growth |t| (log10 r₂/r₁ = {expectedSeparation:0.##})") + seeds,
               _twoGroupSeparation, expectedSeparation - 0.5, expectedSeparation + 0.5);
        Within(Invariant($"(e) step 1: share of ΔL growth carried by the r = {_plan.GroupMagnitudes[1]:G3} group") + seeds, _firstStepShare, 0.9, 1.1);
        Within(Invariant($"(e) step 2: share of ΔL growth carried by the r = {_plan.GroupMagnitudes[0]:G3} group") + seeds, _secondStepShare, 0.9, 1.1);
        Within("(d) linear control: max |p(t) − 2| over every t and data set" + seeds, _linearDeviation, 0, 0.05);
    }

    private void Within(string text, List<double> values, double lower, double upper)
    {
        double centre = 0.5 * (lower + upper), worst = double.NaN, distance = -1;
        bool holds = values.Count > 0;
        foreach (double v in values)
        {
            bool inside = v >= lower && v <= upper;
            holds &= inside;
            double d = double.IsNaN(v) ? double.PositiveInfinity : Math.Abs(v - centre);
            if (d > distance) { distance = d; worst = v; }
        }
        _context.Claim(text, worst, $"∈ [{ExperimentContext.Format(lower)}, {ExperimentContext.Format(upper)}]", holds);
    }

    private void Equal(string text, List<double> values, int expected)
    {
        double worst = expected;
        bool holds = values.Count > 0;
        foreach (double v in values)
        {
            if (v != expected) { holds = false; worst = v; }
        }
        _context.Claim(text, worst, "= " + expected.ToString(CultureInfo.InvariantCulture), holds);
    }
}
