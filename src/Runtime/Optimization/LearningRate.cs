namespace Landscape.Optimization;

/// <summary>
/// A learning-rate schedule η(step), step = 0, 1, 2, … . The factories (<c>Constant</c>, <c>Step</c>, <c>Exponential</c>,
/// <c>Cosine</c>, <c>Warmup</c>) compose: a warmup wraps any inner schedule.
/// </summary>
public abstract partial class LearningRate
{
    /// <summary>The learning rate used at <paramref name="step"/> (0-based).</summary>
    public abstract double At(long step);

    /// <summary>A description with the parameters, e.g. <c>Step(eta0=0.1, factor=0.1, at=[100, 200])</c>.</summary>
    public abstract override string ToString();
}
