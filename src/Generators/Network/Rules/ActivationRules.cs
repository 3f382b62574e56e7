using Landscape.Generators.Common;
using Landscape.Generators.Network.Graph;
using Landscape.Generators.Network.Model;
using static Landscape.Generators.Network.RuntimeNames;

namespace Landscape.Generators.Network.Rules;

/// <summary>
/// The activation a = σ(z) shared by every op kind that has one: the forward epilogue (bias, σ, and the σ′ and R σ′ that the
/// backward walk needs) beside the backward σ′ step, as in the runtime's <c>Epilogue</c> drivers.
/// </summary>
internal static class ActivationRules
{
    /// <summary>
    /// Forward: a = σ(z + b) in place, writing σ′ (gradient pass) or σ′ and R σ′ with R a = σ′ ⊙ (R z + R b) (HVP pass).
    /// Identity only adds the bias. <paramref name="bias"/>/<paramref name="rBias"/> are the op's b and its direction, or null.
    /// </summary>
    public static void Forward(BlockContext c, OpNode node, ValueBuffers value, string? bias, string? rBias)
    {
        string u = Literals.Int(value.Width);
        string a = value.Local;
        if (node.Activation == ActivationKind.Identity)
        {
            if (bias is null) return;
            c.Line($"{Epilogue}.AddBias({a}, {bias}, r, {u});");
            if (c.Hessian && value.HasRImage) c.Line($"{Epilogue}.AddBias({value.RLocal}, {rBias}, r, {u});");
            return;
        }
        string type = ActivationType(node.Activation);
        if (c.Pass == Pass.Values || !value.HasDerivatives)
        {
            c.Line($"{Epilogue}.Activate<{type}>({a}, {bias ?? "default"}, r, {u});");
            return;
        }
        c.DeclareDerivatives(value);
        if (c.Pass == Pass.Gradient)
            c.Line($"{Epilogue}.ActivateWithDerivative<{type}>({a}, {bias ?? "default"}, {value.DerivativeLocal}, r, {u});");
        else
            c.Line($"{Epilogue}.ActivateWithR<{type}>({a}, {bias ?? "default"}, {value.RLocal}, {rBias ?? "default"}, {value.DerivativeLocal}, {value.RDerivativeLocal}, r, {u});");
    }

    /// <summary>
    /// Backward: g ← σ′(z) ⊙ g = ∂L/∂z once the delta holds ∂L/∂a (and R g ← R σ′ ⊙ g + σ′ ⊙ R g first, HVP pass). Nothing for
    /// a value without σ′. <paramref name="explain"/> adds the equation as a comment.
    /// </summary>
    public static void Backward(BlockContext c, ValueBuffers value, bool explain)
    {
        if (!value.HasDerivatives) return;
        string g = value.DeltaLocal, d = value.DerivativeLocal;
        if (c.Pass == Pass.Gradient)
            c.Line($"{Epilogue}.Backpropagate({g}, {d});" + (explain ? $" // {g} ← σ'({value.Pre}) ⊙ {g} = ∂L/∂{value.Pre}" : ""));
        else
            c.Line($"{Epilogue}.BackpropagateR({g}, {value.RDeltaLocal}, {d}, {value.RDerivativeLocal});" + (explain ? " // R g ← R σ' ⊙ g + σ' ⊙ R g, then g ← σ' ⊙ g" : ""));
    }

    /// <summary>An activation as the architecture names it, in lower case: "identity", "tanh", "relu", …, "sin".</summary>
    public static string Name(ActivationKind activation) => activation.ToString().ToLowerInvariant();

    /// <summary>σ(<paramref name="z"/>) in comments: "z1", "tanh(z1)", "z1²", "z1 Φ(z1)".</summary>
    public static string Formula(ActivationKind activation, string z) => activation switch
    {
        ActivationKind.Identity => z,
        ActivationKind.Square => z + "²",
        ActivationKind.Gelu => $"{z} Φ({z})",
        _ => $"{Name(activation)}({z})",
    };
}
