using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Graph;

/// <summary>
/// The buffers of one op's value and its derivatives, and the names generated code gives them. A value is numbered by
/// <see cref="Label"/> (its position among the layers' values), so layer k has a<sub>k</sub>, z<sub>k</sub>, g<sub>k</sub>, …;
/// the input's value is <c>x</c>, with no buffers of its own.
/// </summary>
/// <param name="Node">The id of the op producing the value.</param>
/// <param name="Label">The value's number, or −1 for the input.</param>
/// <param name="Width">Numbers per example.</param>
/// <param name="Values">The value a = σ(z), stacked with R a when the value depends on θ; null for the input.</param>
/// <param name="Derivatives">σ′(z), for an activated value that needs a delta; else null.</param>
/// <param name="RDerivatives">R σ′(z) = σ″(z) ⊙ R z, alongside <paramref name="Derivatives"/>; else null.</param>
/// <param name="Deltas">g = ∂L/∂z, stacked with R g, for a value that depends on θ; else null.</param>
internal sealed record ValueBuffers(
    int Node,
    int Label,
    int Width,
    WorkspaceBuffer? Values,
    WorkspaceBuffer? Derivatives,
    WorkspaceBuffer? RDerivatives,
    WorkspaceBuffer? Deltas)
{
    /// <summary>σ″(z), kept by a Hessian operator's cache alongside <see cref="Derivatives"/>; else null.</summary>
    public WorkspaceBuffer? Second { get; init; }

    /// <summary>∂L/∂a (the delta before its σ′ step), kept by a Hessian operator's cache alongside <see cref="Derivatives"/>; else null.</summary>
    public WorkspaceBuffer? Upstream { get; init; }

    /// <summary>Whether the value has an R-image R a (it depends on θ); R x = 0.</summary>
    public bool HasRImage => Values is { Copies: 2 };

    /// <summary>Whether the value has a delta, i.e. the backward walk reaches it.</summary>
    public bool HasDelta => Deltas is not null;

    /// <summary>Whether the backward walk multiplies the delta by σ′ (an activated value with a delta).</summary>
    public bool HasDerivatives => Derivatives is not null;

    /// <summary>The local holding the value in a block, and its name in comments: <c>a1</c>, or <c>x</c> for the input.</summary>
    public string Local => Label < 0 ? "x" : "a" + Literals.Int(Label);

    /// <summary>The pre-activation in comments: <c>z1</c>.</summary>
    public string Pre => "z" + Literals.Int(Label);

    /// <summary>The local holding R a: <c>ra1</c>.</summary>
    public string RLocal => "r" + Local;

    /// <summary>The local holding σ′(z): <c>d1</c>.</summary>
    public string DerivativeLocal => "d" + Literals.Int(Label);

    /// <summary>The local holding R σ′(z): <c>rd1</c>.</summary>
    public string RDerivativeLocal => "rd" + Literals.Int(Label);

    /// <summary>The local holding σ″(z) in the operator's passes: <c>dd1</c>.</summary>
    public string SecondLocal => "dd" + Literals.Int(Label);

    /// <summary>The local holding ∂L/∂a in the operator's passes: <c>ug1</c>.</summary>
    public string UpstreamLocal => "ug" + Literals.Int(Label);

    /// <summary>The local holding the delta g: <c>g1</c>.</summary>
    public string DeltaLocal => "g" + Literals.Int(Label);

    /// <summary>The local holding R g: <c>rg1</c>.</summary>
    public string RDeltaLocal => "rg" + Literals.Int(Label);
}
