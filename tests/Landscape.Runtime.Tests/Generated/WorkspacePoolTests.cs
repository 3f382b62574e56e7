using System;
using System.Collections.Generic;
using Landscape.Models;

namespace Landscape.Tests.Generated;

/// <summary>The workspace pool keeps idle workspaces only within its byte budget, and always at least one.</summary>
public sealed class WorkspacePoolTests
{
    private sealed class Scratch;

    private static void Churn(WorkspacePool<Scratch> pool, int concurrent)
    {
        var rented = new List<Scratch>();
        for (int i = 0; i < concurrent; i++) rented.Add(pool.Rent());
        foreach (Scratch s in rented) pool.Return(s);
    }

    [Theory]
    [InlineData(1L << 20, 512)]                 // 1 MiB workspaces: 512 fit the 512 MiB budget
    [InlineData(100L << 20, 5)]                 // 100 MiB: 5
    [InlineData(300L << 20, 1)]                 // 300 MiB: one, though it alone exceeds the budget
    [InlineData(4L << 30, 1)]                   // 4 GiB: still one
    public void Return_KeepsIdleWorkspacesWithinTheBudget_AndAtLeastOne(long bytes, int expected)
    {
        int built = 0;
        var pool = new WorkspacePool<Scratch>(() => { built++; return new Scratch(); }, bytes);
        Assert.Equal(expected, pool.MaxRetained);
        Assert.True(expected * bytes <= WorkspacePool<Scratch>.RetainedBudgetBytes || expected == 1);

        Churn(pool, 1000);
        Assert.Equal(1000, built);
        Assert.Equal(expected, pool.RetainedCount);

        // Reuse: renting no more than are retained builds nothing new.
        Churn(pool, expected);
        Assert.Equal(1000, built);
        Assert.Equal(expected, pool.RetainedCount);
    }

    [Fact]
    public void Rent_ReusesTheReturnedWorkspace()
    {
        var pool = new WorkspacePool<Scratch>(() => new Scratch(), 1L << 30);
        Scratch first = pool.Rent();
        pool.Return(first);
        Assert.Same(first, pool.Rent());
        Assert.Equal(0, pool.RetainedCount);
    }

    [Fact]
    public void Constructor_RejectsNegativeSizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkspacePool<Scratch>(() => new Scratch(), -1));
        Assert.Throws<ArgumentNullException>(() => new WorkspacePool<Scratch>(null!, 1));
    }

    [Fact]
    public void GeneratedNetworks_PassTheirWorkspaceBytes()
    {
        // The wide test network's workspace is ≈ 146 MB, so its pool keeps 3 idle ones; small networks keep many.
        object pool = typeof(Landscape.Tests.Networks.WideChunked)
            .GetField("s_workspaces", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        long bytes = (long)pool.GetType().GetProperty("WorkspaceBytes")!.GetValue(pool)!;
        int retained = (int)pool.GetType().GetProperty("MaxRetained")!.GetValue(pool)!;
        Assert.InRange(bytes, 128L << 20, 256L << 20);
        Assert.Equal((int)((512L << 20) / bytes), retained);
    }
}
