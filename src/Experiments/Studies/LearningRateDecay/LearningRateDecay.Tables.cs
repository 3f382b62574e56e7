using System.Collections.Generic;
using Landscape.Optimization;

namespace Landscape.Experiments.Studies;

public sealed partial class LearningRateDecay
{
    /// <summary>Writes the data of record: every step of every run, per comparison (the network with its group losses and sharpness).</summary>
    private static void WriteTables(ExperimentContext context, LearningRateDecayResults results)
    {
        foreach (ObjectiveOutcome o in new[] { results.OneD, results.TwoD })
            WriteCurves(context, o.Comparison.Key + "-curves", o.Runs);
        WriteCurves(context, "network-curves", results.Network.Runs, GroupLossMonitor.SmallGroupColumn, GroupLossMonitor.LargeGroupColumn, SharpnessMonitor.ColumnName(1));
    }

    /// <summary>
    /// Writes every step of every run as rows (step, schedule, learning_rate, loss, then the trajectory columns named
    /// in <paramref name="extraColumns"/>).
    /// </summary>
    private static void WriteCurves(ExperimentContext context, string tableName, IReadOnlyList<ScheduleRun> runs, params string[] extraColumns)
    {
        var columns = new List<string> { "step", "schedule", "learning_rate", "loss" };
        columns.AddRange(extraColumns);
        ResultTable table = context.Table(tableName, columns.ToArray());
        var row = new Cell[columns.Count];
        foreach (ScheduleRun run in runs)
        {
            Trajectory t = run.Trajectory;
            double[] eta = t.LearningRate, loss = t.Loss;
            var extra = new double[extraColumns.Length][];
            for (int c = 0; c < extraColumns.Length; c++) extra[c] = t.Column(extraColumns[c]);
            for (int i = 0; i < t.Count; i++)
            {
                row[0] = i;
                row[1] = run.Name;
                row[2] = eta[i];
                row[3] = loss[i];
                for (int c = 0; c < extra.Length; c++) row[4 + c] = extra[c][i];
                table.Add(row);
            }
        }
    }
}
