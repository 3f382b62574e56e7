namespace Landscape.Experiments;

/// <summary>Where an experiment's progress goes: the CLI shows bars (Spectre.Console) or plain lines; tests discard it.</summary>
public interface IProgressSink
{
    /// <summary>Starts a task of <paramref name="total"/> units of work.</summary>
    IProgressTask Start(string description, double total);
}
