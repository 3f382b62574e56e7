namespace Landscape.Probes;

/// <summary>
/// A power-law fit ΔL ≈ e^<see cref="Intercept"/> · |t|^<see cref="Exponent"/> by least squares in log–log, with a
/// percentile bootstrap 95% confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] for the exponent.
/// </summary>
/// <param name="Exponent">The least-squares slope of ln ΔL on ln|t|; NaN when fewer than two distinct |t| were usable.</param>
/// <param name="Lower">The 2.5th percentile of the bootstrap slopes; NaN when fewer than three points were usable.</param>
/// <param name="Upper">The 97.5th percentile of the bootstrap slopes; NaN when fewer than three points were usable.</param>
/// <param name="Points">How many points entered the fit (inside the window, ΔL positive, finite and not flagged).</param>
/// <param name="Intercept">The least-squares intercept of ln ΔL (natural logarithm) at ln|t| = 0; NaN with <see cref="Exponent"/>.</param>
public sealed record ExponentFit(double Exponent, double Lower, double Upper, int Points, double Intercept);
