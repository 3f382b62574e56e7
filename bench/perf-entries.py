#!/usr/bin/env python3
"""Folds `perf script` output by kernel entry point, for bench/PROFILE.md.

Each sample is attributed to the outermost Landscape kernel entry on its call stack (Convolution.Forward,
Convolution.InputDeltas, Pooling.AverageBackward, Epilogue.ActivateWithR, ...) and to its leaf frame, so a profile of
a generated network reads as "which kernel, and where inside it". Samples with no such entry (the dense layers' GEMMs
called straight from generated code, the runtime) count as "other".

  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 LANDSCAPE_BENCH_THREADS=1 \
    perf record -F 999 -e cpu-clock -g -o F dotnet bench/Landscape.Benchmarks/bin/Release/net10.0/Landscape.Benchmarks.dll time P4-hvp 3
  perf script -i F | python3 bench/perf-entries.py
"""
import collections
import re
import sys

ENTRIES = [re.compile(p) for p in (
    r'Convolution::(ForwardWithR|Forward|InputDeltas|WeightGradient|Im2Col|Col2Im|AddChannelBias|ChannelSums)\b',
    r'Pooling::\w+', r'Epilogue::\w+', r'LossHeads::\w+', r'Reductions::\w+',
    r'Gemm::(NTParallel|TNParallel|NNParallel|NT|TN|NN)\b', r'ChunkTree::\w+', r'TensorPrimitives::\w+')]


def short(frame):
    m = re.search(r'([\w`+]+::[\w<>|`]+)\(', frame)
    if m:
        return m.group(1)
    m = re.search(r'\] ([^\s(]+)', frame)
    return (m.group(1) if m else frame.strip())[:60]


def entry(stack):
    for frame in reversed(stack):  # from the root: the outermost kernel entry
        for pattern in ENTRIES:
            m = pattern.search(frame)
            if m:
                return m.group(0)
    return 'other'


def main():
    total = 0
    by_entry, by_pair = collections.Counter(), collections.Counter()
    stack = []

    def flush():
        nonlocal total
        if stack:
            total += 1
            e = entry(stack)
            by_entry[e] += 1
            by_pair[(e, short(stack[0]))] += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            stack = []
        elif line[0] in ' \t':
            parts = line.strip().split(' ', 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
    flush()
    print(f'samples {total}')
    for e, c in by_entry.most_common():
        print(f'{100 * c / total:6.2f}%  {e}')
    print('--- entry / leaf')
    for (e, leaf), c in by_pair.most_common(40):
        print(f'{100 * c / total:6.2f}%  {e:40s} {leaf}')


if __name__ == '__main__':
    main()
