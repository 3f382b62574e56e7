using System;
using System.Collections.Generic;
using System.Linq;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>fc-tanh, two hidden layers of 32 units: 784-32-32-10, one-hot MSE (26,506 parameters).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(10)]
internal sealed partial class FcTanh32x2;

/// <summary>fc-tanh, three hidden layers of 64 units: 784-64-64-64-10, one-hot MSE (59,210 parameters).</summary>
[Network(LossFunction.MeanSquaredError)]
[Input(784)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(64, Activation.Tanh)]
[Dense(10)]
internal sealed partial class FcTanh64x3;

/// <summary>The networks the subquadratic-growth study can train: the MLPs by the name its <c>Networks</c> setting uses, and one CNN per convolutional architecture.</summary>
internal static class GrowthNetworks
{
    /// <summary>A named network: its setting name, its family, its generated architecture description (for tables), and a factory.</summary>
    internal sealed record Choice(string Name, NetworkArchitecture Family, string Architecture, Func<IModel> Create);

    /// <summary>The fully connected networks the <c>Networks</c> setting chooses from, in a fixed order.</summary>
    public static IReadOnlyList<Choice> All { get; } =
    [
        new("fc-tanh-32x2", NetworkArchitecture.Mlp, FcTanh32x2.Architecture, () => new FcTanh32x2()),
        new("fc-tanh-64x3", NetworkArchitecture.Mlp, FcTanh64x3.Architecture, () => new FcTanh64x3()),
    ];

    /// <summary>The LeNet-style CNN (architecture <c>lenet</c>).</summary>
    public static Choice LeNet { get; } = new("lenet-tanh", NetworkArchitecture.LeNet, StudyModels.LeNetTanh.Architecture, () => new StudyModels.LeNetTanh());

    /// <summary>The residual CNN (architecture <c>resnet</c>).</summary>
    public static Choice ResNet { get; } = new("resnet-tanh", NetworkArchitecture.ResNet, StudyModels.ResNetTanh.Architecture, () => new StudyModels.ResNetTanh());

    /// <summary>The study CNN of a convolutional family (lenet or resnet); E1 and E2 both train these.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="family"/> is not a convolutional family.</exception>
    public static Choice Convolutional(NetworkArchitecture family) => family switch
    {
        NetworkArchitecture.LeNet => LeNet,
        NetworkArchitecture.ResNet => ResNet,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Not a convolutional architecture; expected lenet or resnet."),
    };

    /// <summary>The fully connected network called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No network has that name; the message lists the names there are.</exception>
    public static Choice Named(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException(Invariant($"Unknown network '{name}' in Networks; expected one of {string.Join(", ", All.Select(c => c.Name))}."), nameof(name));
}
