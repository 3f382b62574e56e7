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
            if (c.ComputesValues) c.Line($"{Epilogue}.AddBias({a}, {bias}, r, {u});");
            if (c.Hessian && value.HasRImage) c.Line($"{Epilogue}.AddBias({value.RLocal}, {rBias}, r, {u});");
            return;
        }
        string type = ActivationType(node.Activation);
        if (c.Pass == Pass.Values || !value.HasDerivatives)
        {
            // An operator's product has nothing to do here: a value without σ′ does not depend on θ, so it has no R-image.
            if (c.ComputesValues) c.Line($"{Epilogue}.Activate<{type}>({a}, {bias ?? "default"}, r, {u});");
            return;
        }
        c.DeclareDerivatives(value);
        switch (c.Pass)
        {
            case Pass.Gradient:
                c.Line($"{Epilogue}.ActivateWithDerivative<{type}>({a}, {bias ?? "default"}, {value.DerivativeLocal}, r, {u});");
                break;
            case Pass.FixedPoint:
                c.Line($"{Epilogue}.ActivateWithSecond<{type}>({a}, {bias ?? "default"}, {value.DerivativeLocal}, {value.SecondLocal}, r, {u}); // σ, σ' and σ'' kept");
                break;
            case Pass.Operator:
                c.Line($"{Epilogue}.RActivate({value.RLocal}, {rBias ?? "default"}, {value.DerivativeLocal}, {value.SecondLocal}, {value.RDerivativeLocal}, r, {u}); // R {a} = σ'({value.Pre}) ⊙ R {value.Pre}, R σ' = σ''({value.Pre}) ⊙ R {value.Pre}");
                break;
            default:
                c.Line($"{Epilogue}.ActivateWithR<{type}>({a}, {bias ?? "default"}, {value.RLocal}, {rBias ?? "default"}, {value.DerivativeLocal}, {value.RDerivativeLocal}, r, {u});");
                break;
        }
    }

    /// <summary>
    /// Backward: g ← σ′(z) ⊙ g = ∂L/∂z once the delta holds ∂L/∂a (and R g ← R σ′ ⊙ g + σ′ ⊙ R g first, HVP pass). Nothing for
    /// a value without σ′. <paramref name="explain"/> adds the equation as a comment.
    /// </summary>
    public static void Backward(BlockContext c, ValueBuffers value, bool explain)
    {
        if (!value.HasDerivatives) return;
        string g = value.DeltaLocal, d = value.DerivativeLocal;
        switch (c.Pass)
        {
            case Pass.Gradient:
                c.Line($"{Epilogue}.Backpropagate({g}, {d});" + (explain ? $" // {g} ← σ'({value.Pre}) ⊙ {g} = ∂L/∂{value.Pre}" : ""));
                break;
            case Pass.FixedPoint:
                c.Line($"{Epilogue}.BackpropagateKeeping({g}, {d}, {value.UpstreamLocal}); // {value.UpstreamLocal} ← ∂L/∂{value.Local} (kept), then {g} ← σ'({value.Pre}) ⊙ {g} = ∂L/∂{value.Pre}");
                break;
            case Pass.Operator:
                c.Line($"{Epilogue}.RBackpropagate({value.UpstreamLocal}, {value.RDeltaLocal}, {d}, {value.RDerivativeLocal}); // R g ← R σ' ⊙ ∂L/∂{value.Local} + σ' ⊙ R g");
                break;
            default:
                c.Line($"{Epilogue}.BackpropagateR({g}, {value.RDeltaLocal}, {d}, {value.RDerivativeLocal});" + (explain ? " // R g ← R σ' ⊙ g + σ' ⊙ R g, then g ← σ' ⊙ g" : ""));
                break;
        }
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
