using System;
using System.Collections.Generic;
using System.IO;
using Landscape.Data;

namespace Landscape.Experiments.Studies;

/// <summary>Data shared by the studies: the MNIST test set shipped next to the executable.</summary>
internal static class StudyData
{
    /// <summary>The directory holding <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>.</summary>
    public static string MnistDirectory => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>
    /// The first <paramref name="count"/> MNIST test images (pixels standardized by the global mean and standard
    /// deviation) with one-hot targets, optionally restricted to <paramref name="classes"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The MNIST files are not next to the executable.</exception>
    public static Dataset Mnist(int count, IReadOnlyList<int>? classes = null)
    {
        string images = Path.Combine(MnistDirectory, "t10k-images-idx3-ubyte.gz");
        string labels = Path.Combine(MnistDirectory, "t10k-labels-idx1-ubyte.gz");
        if (!File.Exists(images)) throw new FileNotFoundException($"MNIST images not found at '{images}'; they are copied there by the build from data/mnist/.", images);
        return Landscape.Data.Mnist.Load(images, labels, new MnistOptions { Count = count, Standardize = true, Classes = classes });
    }
}
