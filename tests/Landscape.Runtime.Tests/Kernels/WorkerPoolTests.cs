using System;
using System.Threading;
using Landscape.Kernels;
using Landscape.Tests.Networks;

namespace Landscape.Tests.Kernels;

[Collection(ThreadSettingCollection.Name)]
public sealed class WorkerPoolTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 7)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 1000)]
    [InlineData(3, 17)]
    [InlineData(4, 3)]
    public void Every_index_runs_exactly_once(int threads, int count)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            for (int repeat = 0; repeat < 50; repeat++)
            {
                var hits = new int[count];
                WorkerPool.For(count, i => Interlocked.Increment(ref hits[i]));
                Assert.All(hits, h => Assert.Equal(1, h));
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void A_nested_call_runs_inline_and_completes()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var hits = new int[8, 5];
            WorkerPool.For(8, i => WorkerPool.For(5, j => Interlocked.Increment(ref hits[i, j])));
            foreach (int h in hits) Assert.Equal(1, h);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void An_exception_in_the_body_reaches_the_caller_and_the_pool_keeps_working()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var error = Assert.Throws<InvalidOperationException>(() => WorkerPool.For(100, i =>
            {
                if (i == 37) throw new InvalidOperationException("index 37");
            }));
            Assert.Equal("index 37", error.Message);

            int sum = 0;
            WorkerPool.For(100, i => Interlocked.Add(ref sum, i));
            Assert.Equal(4950, sum);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing_on_the_caller()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            var sums = new double[64];
            Action<int> body = i => sums[i] += i;
            for (int warm = 0; warm < 10; warm++) WorkerPool.For(sums.Length, body);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 100; call++) WorkerPool.For(sums.Length, body);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
