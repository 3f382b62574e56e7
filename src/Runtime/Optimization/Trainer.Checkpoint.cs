using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Landscape.Distributed;

namespace Landscape.Optimization;

public sealed partial class Trainer
{
    /// <summary>The first 8 bytes of every checkpoint file: ASCII <c>LSCHKPT</c> and a zero byte.</summary>
    private static ReadOnlySpan<byte> CheckpointMagic => "LSCHKPT\0"u8;

    /// <summary>The checkpoint format version written by this code (and the only one it reads).</summary>
    /// <remarks>
    /// Version 2: the byte layout is that of version 1, but generated networks now combine their chunks' partial sums by a
    /// pairwise tree over chunk indices (DESIGN §2) instead of one running sum, so losses, gradients and H·v differ in the
    /// last bits and a version-1 run resumed here would not reproduce its uninterrupted continuation.
    /// </remarks>
    public const int CheckpointVersion = 2;

    /// <summary>Magic (8) + version (4) + payload length (8).</summary>
    private const int CheckpointHeaderSize = 20;

    /// <summary>SHA-256 of the payload.</summary>
    private const int CheckpointChecksumSize = 32;

    /// <summary>
    /// Continues the run saved in the checkpoint <paramref name="checkpointPath"/> up to <paramref name="totalSteps"/>
    /// steps in all: restores θ into <paramref name="parameters"/>, the optimizer state, the monitors' state and the
    /// trajectory so far, then runs the remaining steps exactly as <see cref="Run"/> would have (bit-identical results,
    /// including the returned trajectory, which covers all steps from 0).
    /// </summary>
    /// <remarks>
    /// <para>
    /// This trainer must be configured as the one that wrote the checkpoint: same model size, data size, optimizer
    /// (<see cref="IOptimizer.Name"/>), schedule (<see cref="LearningRate.ToString"/>), batch size, seed, and monitors
    /// (types and columns, in order). Checkpointing continues if <see cref="CheckpointPath"/> is set.
    /// </para>
    /// <para>
    /// Format (version 1, little-endian): the magic <c>LSCHKPT\0</c>, int32 version, int64 payload length, the payload,
    /// and the SHA-256 of the payload. The payload holds: int32 parameter count, the optimizer name, the schedule
    /// description, int32 example count, int32 batch size (−1 = full batch), int32 seed, int64 steps done, the parameters,
    /// the optimizer state (int64 step, then each buffer's name and values), each monitor's type name and state blob,
    /// and the trajectory (column names and every value). Strings are length-prefixed UTF-8 (<see cref="BinaryWriter"/>);
    /// doubles are stored bit for bit. The shuffle position needs no storage: the batch of a step is a function of
    /// (seed, step). Files are written to a temporary file in the same directory and moved over the target, so a reader
    /// never sees a partial checkpoint.
    /// </para>
    /// </remarks>
    /// <returns>The trajectory of steps 0 … totalSteps − 1 (fewer if the run diverges or is cancelled).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt (checksum mismatch), not a checkpoint (wrong magic),
    /// of an unsupported version, or its payload is malformed; the message names the file and the problem.</exception>
    /// <exception cref="ArgumentException">The checkpoint was written by a differently configured trainer (model size,
    /// optimizer, schedule, data, batching or monitors), or the parameter length differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalSteps"/> is less than the steps already done.</exception>
    public Trajectory Resume(string checkpointPath, Span<double> parameters, int totalSteps, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(checkpointPath);
        CheckParameters(parameters);
        CheckDistribution();
        Communicator sharing = CheckpointCommunicator;
        byte[] payload = sharing.Size > 1 ? ShareCheckpointPayload(sharing, checkpointPath) : ReadCheckpointPayload(checkpointPath);
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        try
        {
            int n = reader.ReadInt32();
            if (n != Model.ParameterCount)
                throw Mismatch(checkpointPath, $"{n} parameters", $"{Model.ParameterCount}");
            string optimizer = reader.ReadString();
            if (optimizer != Optimizer.Name) throw Mismatch(checkpointPath, $"optimizer '{optimizer}'", $"'{Optimizer.Name}'");
            string schedule = reader.ReadString();
            if (schedule != Schedule.ToString()) throw Mismatch(checkpointPath, $"schedule '{schedule}'", $"'{Schedule}'");
            int examples = reader.ReadInt32();
            if (examples != _examples) throw Mismatch(checkpointPath, $"a training set of {examples} examples", $"{_examples}");
            int batch = reader.ReadInt32();
            int expectedBatch = BatchSize ?? -1;
            if (batch != expectedBatch) throw Mismatch(checkpointPath, $"batch size {Describe(batch)}", Describe(expectedBatch));
            int seed = reader.ReadInt32();
            if (seed != Seed) throw Mismatch(checkpointPath, $"seed {seed}", $"{Seed}");
            long done = reader.ReadInt64();
            if (done < 0) throw Malformed(checkpointPath, $"negative step count {done}");
            ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, done, nameof(totalSteps));

            var theta = new double[n];
            for (int i = 0; i < n; i++) theta[i] = reader.ReadDouble();

            OptimizerState state = Optimizer.CreateState(n);
            state.Step = reader.ReadInt64();
            int buffers = reader.ReadInt32();
            if (buffers != state.Buffers.Length)
                throw Mismatch(checkpointPath, $"{buffers} optimizer buffers", $"{state.Buffers.Length} ({string.Join(", ", state.BufferNames)})");
            for (int b = 0; b < buffers; b++)
            {
                string name = reader.ReadString();
                if (name != state.BufferNames[b]) throw Mismatch(checkpointPath, $"optimizer buffer '{name}'", $"'{state.BufferNames[b]}'");
                int length = reader.ReadInt32();
                if (length != state.Buffers[b].Length) throw Malformed(checkpointPath, $"optimizer buffer '{name}' has {length} values for {state.Buffers[b].Length} parameters");
                for (int i = 0; i < length; i++) state.Buffers[b][i] = reader.ReadDouble();
            }

            int monitors = reader.ReadInt32();
            if (monitors != Monitors.Count) throw Mismatch(checkpointPath, $"{monitors} monitors", $"{Monitors.Count}");
            for (int m = 0; m < monitors; m++)
            {
                string type = reader.ReadString();
                string expected = Monitors[m].GetType().FullName ?? Monitors[m].GetType().Name;
                if (type != expected) throw Mismatch(checkpointPath, $"monitor {m} of type {type}", expected);
                int length = reader.ReadInt32();
                if (length < 0 || length > payload.Length - reader.BaseStream.Position) throw Malformed(checkpointPath, $"monitor {m} state claims {length} bytes");
                byte[] blob = reader.ReadBytes(length);
                using var monitorReader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
                Monitors[m].LoadState(monitorReader, Model, Data, Optimizer);
                if (monitorReader.BaseStream.Position != blob.Length) throw Malformed(checkpointPath, $"monitor {m} ({type}) left {blob.Length - monitorReader.BaseStream.Position} bytes of its state unread");
            }

            Trajectory trajectory = Trajectory.Read(reader);
            Trajectory expectedColumns = CreateTrajectory();
            if (!System.Linq.Enumerable.SequenceEqual(trajectory.Columns, expectedColumns.Columns, StringComparer.Ordinal))
                throw Mismatch(checkpointPath, $"columns [{string.Join(", ", trajectory.Columns)}]", $"[{string.Join(", ", expectedColumns.Columns)}]");
            if (trajectory.Count != done) throw Malformed(checkpointPath, $"the trajectory has {trajectory.Count} rows after {done} steps");
            if (reader.BaseStream.Position != payload.Length) throw Malformed(checkpointPath, $"{payload.Length - reader.BaseStream.Position} unread bytes after the trajectory");

            theta.CopyTo(parameters);
            return Continue(parameters, done, totalSteps, state, trajectory, cancellation);
        }
        catch (EndOfStreamException)
        {
            throw Malformed(checkpointPath, "the payload ends early");
        }
    }

    private static string Describe(int batch) => batch < 0 ? "full batch" : batch.ToString(CultureInfo.InvariantCulture);

    private static ArgumentException Mismatch(string path, string found, string expected) =>
        new($"The checkpoint '{path}' was written with {found}; this trainer has {expected}. Resume with the configuration that wrote it.", nameof(path));

    private static InvalidDataException Malformed(string path, string problem) =>
        new($"The checkpoint '{path}' is malformed: {problem}.");

    /// <summary>
    /// Rank 0 reads and checks the checkpoint and sends its payload to every rank (no shared filesystem is assumed); when
    /// rank 0 cannot read it, every rank throws the same <see cref="InvalidDataException"/> (rank 0 its own exception).
    /// </summary>
    private static byte[] ShareCheckpointPayload(Communicator communicator, string path)
    {
        byte[]? payload = null;
        Exception? failure = null;
        if (communicator.IsRoot)
        {
            try
            {
                payload = ReadCheckpointPayload(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = e;
            }
        }
        // One status byte first: 1 and the payload, or 0 and rank 0's error message.
        byte[] message = communicator.IsRoot
            ? (failure is null ? [1, .. payload!] : [0, .. Encoding.UTF8.GetBytes(failure.Message)])
            : [];
        byte[] received = communicator.Broadcast(message);
        if (received[0] == 1) return received.AsSpan(1).ToArray();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        throw new InvalidDataException("Rank 0 could not read the checkpoint: " + Encoding.UTF8.GetString(received, 1, received.Length - 1));
    }

    /// <summary>Reads the file, checks magic, version, length and checksum, and returns the payload.</summary>
    private static byte[] ReadCheckpointPayload(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int prefix = Math.Min(bytes.Length, CheckpointMagic.Length);
        if (!bytes.AsSpan(0, prefix).SequenceEqual(CheckpointMagic[..prefix]))
            throw new InvalidDataException($"'{path}' is not a Landscape checkpoint: it does not start with the magic bytes 'LSCHKPT\\0'.");
        if (bytes.Length < CheckpointHeaderSize)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{path}' is truncated: {bytes.Length} bytes, shorter than the {CheckpointHeaderSize}-byte header."));
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version == 1)
            throw new InvalidDataException($"The checkpoint '{path}' has format version 1; this build reads version {CheckpointVersion.ToString(CultureInfo.InvariantCulture)}. " +
                "Results changed with the summation structure: generated networks now sum over examples chunk by chunk and combine the chunks " +
                "by a pairwise tree (DESIGN §2), so losses, gradients and Hessian-vector products differ in the last bits from the build that " +
                "wrote it, and resuming would not reproduce the original run. Start the run again from step 0.");
        if (version != CheckpointVersion)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{path}' has format version {version}; this build reads version {CheckpointVersion}."));
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        long expected = CheckpointHeaderSize + length + CheckpointChecksumSize;
        if (length < 0 || bytes.Length < expected)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{path}' is truncated: {bytes.Length} bytes, but its header announces {expected}."));
        if (bytes.Length > expected)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{path}' is corrupt: {bytes.Length} bytes, but its header announces {expected}."));
        byte[] payload = bytes.AsSpan(CheckpointHeaderSize, (int)length).ToArray();
        byte[] hash = SHA256.HashData(payload);
        if (!hash.AsSpan().SequenceEqual(bytes.AsSpan(CheckpointHeaderSize + (int)length, CheckpointChecksumSize)))
            throw new InvalidDataException($"The checkpoint '{path}' is corrupt: the SHA-256 checksum of its payload does not match.");
        return payload;
    }

    /// <summary>Writes a checkpoint after <paramref name="done"/> steps, atomically (temporary file + move).</summary>
    private void WriteCheckpoint(string path, ReadOnlySpan<double> parameters, long done, OptimizerState state, Trajectory trajectory)
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Model.ParameterCount);
            writer.Write(Optimizer.Name);
            writer.Write(Schedule.ToString());
            writer.Write(_examples);
            writer.Write(BatchSize ?? -1);
            writer.Write(Seed);
            writer.Write(done);
            foreach (double value in parameters) writer.Write(value);
            writer.Write(state.Step);
            writer.Write(state.Buffers.Length);
            for (int b = 0; b < state.Buffers.Length; b++)
            {
                writer.Write(state.BufferNames[b]);
                writer.Write(state.Buffers[b].Length);
                foreach (double value in state.Buffers[b]) writer.Write(value);
            }
            writer.Write(Monitors.Count);
            foreach (ITrainingMonitor monitor in Monitors)
            {
                writer.Write(monitor.GetType().FullName ?? monitor.GetType().Name);
                var blob = new MemoryStream();
                using (var monitorWriter = new BinaryWriter(blob, Encoding.UTF8, leaveOpen: true)) monitor.SaveState(monitorWriter);
                writer.Write(checked((int)blob.Length));
                writer.Write(blob.GetBuffer(), 0, (int)blob.Length);
            }
            trajectory.Write(writer);
        }

        ReadOnlySpan<byte> body = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temporary = Path.Combine(directory, "." + Path.GetFileName(full) + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(CheckpointMagic);
                Span<byte> header = stackalloc byte[12];
                BinaryPrimitives.WriteInt32LittleEndian(header, CheckpointVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[4..], body.Length);
                file.Write(header);
                file.Write(body);
                file.Write(SHA256.HashData(body));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }
}
