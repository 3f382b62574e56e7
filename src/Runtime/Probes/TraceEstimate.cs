using System;
using System.IO;
using Landscape.Reporting;

namespace Landscape.Probes;

/// <summary>A stochastic estimate of tr(H) computed by <see cref="Hessian.Trace(IModel, System.ReadOnlySpan{double}, Dataset, int, int, TraceMethod)"/>.</summary>
/// <param name="Estimate">The estimate of tr(H).</param>
/// <param name="StandardError">
/// The standard error of the stochastic part: the sample standard deviation of the Hutchinson terms divided by √(their
/// count). For Hutch++ the exact subspace trace contributes no sampling error given the sketch. NaN with fewer than two
/// Hutchinson terms.
/// </param>
/// <param name="Probes">The requested number of probes (the HVP budget).</param>
/// <param name="HvpCount">The number of Hessian-vector products actually computed.</param>
/// <param name="Method">The estimator used.</param>
public sealed record TraceEstimate(double Estimate, double StandardError, int Probes, int HvpCount, TraceMethod Method)
{
    /// <summary>Writes a header and one row: <c>method,estimate,standard_error,probes,hvp_count</c> (invariant culture, round-trip doubles).</summary>
    public void ToCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("method,estimate,standard_error,probes,hvp_count");
        writer.WriteLine((Method == TraceMethod.Hutchinson ? "Hutchinson" : "HutchPlusPlus") + "," + CsvWriter.Format(Estimate) + "," + CsvWriter.Format(StandardError) + ","
                         + CsvWriter.Format(Probes) + "," + CsvWriter.Format(HvpCount));
    }
}
