using System;
using System.IO;
using System.Linq;
using System.Threading;
using Landscape;
using Landscape.Optimization;
using Landscape.Tests.Probes;

namespace Landscape.Tests.Optimization;

/// <summary>Checkpoints: bit-identical resume, clear errors for damaged or foreign files, atomic writes.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("landscape-checkpoint-tests-");
    private readonly ProbeMlp _model = new();
    private readonly Dataset _data;

    public CheckpointTests() => _data = ProbeData.For(_model, 50, seed: 51, oneHot: false);

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>Heavy ball (a velocity buffer), minibatches of 16 from 50 examples (partial last batch), k = 2 warm-started sharpness.</summary>
    private Trainer MakeTrainer(string? checkpoint = null)
    {
        var trainer = new Trainer(_model, _data, new TrainerTestHeavyBall(0.8), new TrainerTestDecayingRate(0.05, 100))
        {
            BatchSize = 16,
            Seed = 7,
            CheckpointPath = checkpoint,
            CheckpointEvery = 40,
        };
        trainer.Monitors.Add(new SharpnessMonitor(every: 10, k: 2));
        trainer.Monitors.Add(new LossMonitor(ProbeData.For(_model, 10, seed: 52, oneHot: false)));
        trainer.Monitors.Add(new ProjectionMonitor(2, seed: 53));
        return trainer;
    }

    private double[] Start() => ProbeData.Point(_model, 54);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void Resume_After120Steps_IsBitIdenticalTo200StepsStraight()
    {
        double[] straight = Start();
        Trajectory reference = MakeTrainer().Run(straight, 200);
        Assert.Equal(RunStatus.Completed, reference.Status);

        string path = PathOf("run.ckpt");
        double[] first = Start();
        Trajectory partial = MakeTrainer(path).Run(first, 120);
        Assert.Equal(120, partial.Count);

        double[] resumed = new double[_model.ParameterCount]; // overwritten by the checkpoint's θ
        Trainer second = MakeTrainer();
        Trajectory continued = second.Resume(path, resumed, 200);

        Assert.Equal(RunStatus.Completed, continued.Status);
        Assert.Equal(TrainerTests.Csv(reference), TrainerTests.Csv(continued));
        Assert.Equal(Bits(straight), Bits(resumed));
        var sharpness = (SharpnessMonitor)second.Monitors[0];
        Assert.Equal(20, sharpness.Measurements); // 12 before the checkpoint, restored, plus 8 after
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory.FullName)); // atomic write: no temporary file remains
    }

    /// <summary>A cancelled run writes a final checkpoint; resuming it matches the uninterrupted run.</summary>
    [Fact]
    public void Resume_AfterCancellation_IsBitIdentical()
    {
        double[] straight = Start();
        Trajectory reference = MakeTrainer().Run(straight, 100);

        string path = PathOf("cancelled.ckpt");
        using var cts = new CancellationTokenSource();
        // A recorder (no columns) cancels the token during step 56; the run stops before step 57 and checkpoints.
        Trajectory partial = MakeTrainerWithCanceller(path, cts).Run(Start(), 100, cts.Token);
        Assert.Equal(RunStatus.Cancelled, partial.Status);
        Assert.Equal(57, partial.Count);

        double[] resumed = new double[_model.ParameterCount];
        Trajectory continued = MakeTrainerWithCanceller(null, null).Resume(path, resumed, 100);
        Assert.Equal(TrainerTests.Csv(reference), TrainerTests.Csv(continued));
        Assert.Equal(Bits(straight), Bits(resumed));
    }

    /// <summary>The same trainer plus a column-less recorder that cancels <paramref name="cts"/> at step 56 (resume needs the same monitor list).</summary>
    private Trainer MakeTrainerWithCanceller(string? path, CancellationTokenSource? cts)
    {
        Trainer trainer = MakeTrainer(path);
        trainer.Monitors.Add(new TrainerTestRecorder(cts, cancelStep: 56));
        return trainer;
    }

    /// <summary>
    /// With the library's Adam (two moment buffers and a step-dependent bias correction, both in the optimizer state) and a
    /// warmup-wrapped cosine schedule, a resumed run still matches the straight one bit for bit.
    /// </summary>
    [Fact]
    public void Resume_WithLibraryAdamAndWarmupCosine_IsBitIdentical()
    {
        Trainer Make(string? path)
        {
            var trainer = new Trainer(_model, _data, new Adam(0.9, 0.99, 1e-8), LearningRate.Warmup(LearningRate.Cosine(0.01, 90), 15))
            {
                BatchSize = 20,
                Seed = 3,
                CheckpointPath = path,
                CheckpointEvery = 25,
            };
            trainer.Monitors.Add(new SharpnessMonitor(every: 7));
            return trainer;
        }
        double[] straight = Start();
        Trajectory reference = Make(null).Run(straight, 90);

        string path = PathOf("adam.ckpt");
        Make(path).Run(Start(), 60);
        double[] resumed = new double[_model.ParameterCount];
        Trajectory continued = Make(null).Resume(path, resumed, 90);

        Assert.Equal(TrainerTests.Csv(reference), TrainerTests.Csv(continued));
        Assert.Equal(Bits(straight), Bits(resumed));
    }

    private string WriteCheckpoint(string name, int steps = 40)
    {
        string path = PathOf(name);
        MakeTrainer(path).Run(Start(), steps);
        return path;
    }

    [Fact]
    public void TruncatedCheckpoint_ThrowsInvalidData_NamingTheFile()
    {
        string path = WriteCheckpoint("full.ckpt");
        byte[] bytes = File.ReadAllBytes(path);
        foreach (int length in new[] { 0, 5, 12, bytes.Length / 2, bytes.Length - 1 })
        {
            string cut = PathOf($"cut{length}.ckpt");
            File.WriteAllBytes(cut, bytes[..length]);
            var e = Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(cut, Start(), 100));
            Assert.Contains(cut, e.Message);
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void BitFlippedCheckpoint_ThrowsInvalidData()
    {
        string path = WriteCheckpoint("good.ckpt");
        byte[] bytes = File.ReadAllBytes(path);
        var random = new Random(55);
        for (int trial = 0; trial < 8; trial++)
        {
            byte[] copy = (byte[])bytes.Clone();
            int position = 20 + random.Next(bytes.Length - 20); // payload or checksum
            copy[position] ^= (byte)(1 << random.Next(8));
            string flipped = PathOf($"flipped{trial}.ckpt");
            File.WriteAllBytes(flipped, copy);
            var e = Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(flipped, Start(), 100));
            Assert.Contains(flipped, e.Message);
            Assert.Contains("checksum", e.Message);
        }

        byte[] version = (byte[])bytes.Clone();
        version[8] ^= 0x04;
        File.WriteAllBytes(PathOf("version.ckpt"), version);
        Assert.Contains("version 6", Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(PathOf("version.ckpt"), Start(), 100)).Message);

        byte[] longer = bytes.Concat(new byte[] { 0 }).ToArray();
        File.WriteAllBytes(PathOf("longer.ckpt"), longer);
        Assert.Contains("corrupt", Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(PathOf("longer.ckpt"), Start(), 100)).Message);
    }

    [Fact]
    public void VersionOneCheckpoint_IsRefused_BecauseTheSummationChanged()
    {
        Assert.Equal(2, Trainer.CheckpointVersion);
        string path = WriteCheckpoint("v1.ckpt");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[8] = 1; // the version field, little-endian int32 after the 8 magic bytes
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(path, Start(), 100));
        Assert.Contains(path, e.Message);
        Assert.Contains("format version 1; this build reads version 2", e.Message);
        Assert.Contains("Results changed with the summation structure", e.Message);
        Assert.Contains("pairwise tree", e.Message);
    }

    [Fact]
    public void WrongMagic_ThrowsInvalidData()
    {
        string path = WriteCheckpoint("magic.ckpt");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[0] = (byte)'X';
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(path, Start(), 100));
        Assert.Contains("not a Landscape checkpoint", e.Message);
        Assert.Contains(path, e.Message);

        string text = PathOf("text.csv");
        File.WriteAllText(text, "step,loss\n0,1\n");
        Assert.Throws<InvalidDataException>(() => MakeTrainer().Resume(text, Start(), 100));
    }

    [Fact]
    public void CheckpointFromAnotherConfiguration_ThrowsArgumentException()
    {
        string path = WriteCheckpoint("config.ckpt");

        var otherModel = new ProbeClassifier();
        var differentSize = new Trainer(otherModel, ProbeData.For(otherModel, 50, seed: 56, oneHot: true), new TrainerTestHeavyBall(0.8), new TrainerTestDecayingRate(0.05, 100));
        var e = Assert.Throws<ArgumentException>(() => differentSize.Resume(path, new double[otherModel.ParameterCount], 100));
        Assert.Contains("26 parameters", e.Message);

        var otherOptimizer = new Trainer(_model, _data, new TrainerTestGradientDescent(), new TrainerTestDecayingRate(0.05, 100)) { BatchSize = 16, Seed = 7 };
        e = Assert.Throws<ArgumentException>(() => otherOptimizer.Resume(path, Start(), 100));
        Assert.Contains("TrainerTestHeavyBall(beta=0.8)", e.Message);

        Trainer otherSeed = MakeTrainer();
        otherSeed.Seed = 8;
        Assert.Contains("seed 7", Assert.Throws<ArgumentException>(() => otherSeed.Resume(path, Start(), 100)).Message);

        Trainer fewerMonitors = MakeTrainer();
        fewerMonitors.Monitors.RemoveAt(2);
        Assert.Contains("3 monitors", Assert.Throws<ArgumentException>(() => fewerMonitors.Resume(path, Start(), 100)).Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => MakeTrainer().Resume(path, Start(), 39));
    }

    /// <summary>Checkpoints overwrite each other in place; the last one written is the latest state.</summary>
    [Fact]
    public void RepeatedCheckpoints_OverwriteAtomically_AndLeaveNoTemporaryFiles()
    {
        string path = PathOf("latest.ckpt");
        double[] theta = Start();
        MakeTrainer(path).Run(theta, 130); // checkpoints after 40, 80, 120 and the final one after 130
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory.FullName));

        double[] resumed = new double[_model.ParameterCount];
        Trajectory t = MakeTrainer().Resume(path, resumed, 130); // nothing left to run
        Assert.Equal(130, t.Count);
        Assert.Equal(Bits(theta), Bits(resumed));
    }
}
