namespace Landscape.Optimization;

/// <summary>How a <see cref="Trainer"/> run ended.</summary>
public enum RunStatus
{
    /// <summary>Every requested step was taken.</summary>
    Completed,

    /// <summary>
    /// The loss or the gradient became NaN or ±∞, or the loss exceeded <see cref="Trainer.DivergenceBound"/>; the run
    /// stopped at <see cref="Trajectory.DivergedAt"/> without updating the parameters at that step.
    /// </summary>
    Diverged,

    /// <summary>The cancellation token was signalled; the run stopped between two steps.</summary>
    Cancelled,
}
