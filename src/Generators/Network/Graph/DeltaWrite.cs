namespace Landscape.Generators.Network.Graph;

/// <summary>How one use of a value writes the value's delta in the backward walk.</summary>
/// <param name="Accumulate">
/// Add to the delta instead of assigning it: the value has more than one use and another one wrote first (the backward
/// walk visits consumers from the last to the first).
/// </param>
/// <param name="Completes">This is the last write: the delta holds Σ over the uses of ∂L/∂a, ready for the σ′ step.</param>
internal readonly record struct DeltaWrite(bool Accumulate, bool Completes);
