namespace Landscape.Generators.Network;

/// <summary>A parameter block as the emitter names it: layout name, offset constant, shape.</summary>
internal sealed record ParameterEntry(string Name, string Constant, int Offset, int Rows, int Columns, bool IsBias);
