using System;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>A growth profile of one case and seed, and its positive side (t &gt; 0, ascending) with the local exponents.</summary>
internal sealed class ProbeResult
{
    public ProbeResult(string caseName, int seed, GrowthProfile profile)
    {
        Case = caseName;
        Seed = seed;
        Profile = profile;
        int count = 0;
        foreach (double t in profile.T) if (t > 0) count++;
        T = new double[count];
        Delta = new double[count];
        Exponent = new double[count];
        int k = 0;
        for (int j = 0; j < profile.T.Length; j++)
        {
            if (!(profile.T[j] > 0)) continue;
            T[k] = profile.T[j];
            Delta[k] = profile.Underflow[j] ? double.NaN : profile.Delta[j];
            Exponent[k] = profile.LocalExponent[j];
            k++;
        }
    }

    /// <summary>The case, as the growth table names it (e.g. "two-groups", "linear-single-scale", "saturated-beta-1.0").</summary>
    public string Case { get; }

    /// <summary>The seed of the data, the teacher and the direction.</summary>
    public int Seed { get; }

    /// <summary>The full profile (both signs of t).</summary>
    public GrowthProfile Profile { get; }

    /// <summary>Positive t, ascending.</summary>
    public double[] T { get; }

    /// <summary>ΔL at <see cref="T"/> (NaN where it underflowed).</summary>
    public double[] Delta { get; }

    /// <summary>Local exponent at <see cref="T"/> (NaN at the ends).</summary>
    public double[] Exponent { get; }

    /// <summary>The local exponent at the smallest |t| where it is defined.</summary>
    public double FirstExponent
    {
        get
        {
            foreach (double p in Exponent) if (!double.IsNaN(p)) return p;
            return double.NaN;
        }
    }

    /// <summary>max |p − 2| over every finite local exponent of both signs.</summary>
    public double MaxDeviationFromQuadratic()
    {
        double max = 0;
        bool any = false;
        foreach (double p in Profile.LocalExponent)
        {
            if (double.IsNaN(p)) continue;
            any = true;
            max = Math.Max(max, Math.Abs(p - 2));
        }
        return any ? max : double.NaN;
    }
}
