namespace Landscape.Generators.Network.Graph;

/// <summary>One use of a value: the op that reads it and the argument position it is read at.</summary>
/// <param name="Consumer">The id of the reading op.</param>
/// <param name="Slot">The index into the reader's <see cref="OpNode.Inputs"/>.</param>
internal readonly record struct Use(int Consumer, int Slot);
