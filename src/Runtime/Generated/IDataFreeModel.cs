namespace Landscape.Models;

/// <summary>
/// Marks a model whose loss does not depend on the data (generated for <c>[Objective]</c> declarations), so
/// <see cref="Distributed.DataParallelModel"/> evaluates it alike on every rank without any message.
/// </summary>
public interface IDataFreeModel : IModel;
