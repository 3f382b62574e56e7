using System;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>
/// The architecture families E1 (<c>subquadratic-growth</c>) and E2 (<c>edge-of-stability</c>) run on (setting
/// <c>Architectures</c>; names are case-insensitive on the command line).
/// </summary>
public enum NetworkArchitecture
{
    /// <summary>Fully connected fc-tanh networks on the 784 pixels (the studies' original networks).</summary>
    Mlp,

    /// <summary>A small LeNet-style tanh CNN on the 14×14 average-pooled image (<see cref="StudyModels.LeNetTanh"/>).</summary>
    LeNet,

    /// <summary>A small residual tanh CNN with an identity and a projection block (<see cref="StudyModels.ResNetTanh"/>).</summary>
    ResNet,
}

/// <summary>Names and parsing of <see cref="NetworkArchitecture"/> shared by the studies.</summary>
internal static class NetworkArchitectures
{
    /// <summary>Every architecture, in the order the studies run them.</summary>
    public static NetworkArchitecture[] All { get; } = [NetworkArchitecture.Mlp, NetworkArchitecture.LeNet, NetworkArchitecture.ResNet];

    /// <summary>The lower-case name used in tables, claims and file names: mlp, lenet, resnet.</summary>
    public static string Name(NetworkArchitecture architecture) => architecture switch
    {
        NetworkArchitecture.Mlp => "mlp",
        NetworkArchitecture.LeNet => "lenet",
        NetworkArchitecture.ResNet => "resnet",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
    };

    /// <summary>Checks an <c>Architectures</c> setting: at least one, none twice, every value defined.</summary>
    /// <exception cref="ArgumentException">The list is empty, repeats a value or holds an undefined one.</exception>
    public static NetworkArchitecture[] Validate(NetworkArchitecture[] architectures, string setting)
    {
        if (architectures.Length == 0)
            throw new ArgumentException(Invariant($"{setting} must name at least one of mlp, lenet, resnet."), setting);
        foreach (NetworkArchitecture a in architectures)
        {
            if (!Enum.IsDefined(a))
                throw new ArgumentException(Invariant($"{setting} holds an unknown architecture {(int)a}; expected mlp, lenet or resnet."), setting);
        }
        if (architectures.Distinct().Count() != architectures.Length)
            throw new ArgumentException(Invariant($"{setting} lists an architecture twice: {string.Join(", ", architectures.Select(Name))}."), setting);
        return architectures;
    }
}
