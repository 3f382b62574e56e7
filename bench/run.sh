#!/usr/bin/env bash
# Runs the benchmark suite — ours against libtorch (TorchSharp-cpu) in ONE process, each operation timed in alternating
# blocks of calls after a pause, plus the machine's FMA peak — and writes BENCHMARKS.md at the repo root.
#   bench/run.sh           full run: 11 alternating rounds per operation (roughly 10 minutes on 2 idle cores)
#   bench/run.sh --quick   3 rounds per operation (a few minutes; 6.4 min with the build at load average 20 → 4)
# Both sides use 2 threads and float64. Intermediate files go to bench/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
  esac
done

artifacts=bench/artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"
cut -d' ' -f1-3 /proc/loadavg > "$artifacts/load-start.txt"

# Its post-build step runs weaken_glibcxx.py on libLibTorchSharp.so (Debian 12 lacks GLIBCXX_3.4.32).
dotnet build bench/Landscape.Benchmarks -c Release --nologo -v quiet

bench=bench/Landscape.Benchmarks/bin/Release/net10.0/Landscape.Benchmarks.dll

# 1. Peak, then per problem: libtorch's loss, gradient and H·v checked against ours to 1e-10 relative (exits non-zero
#    otherwise), then every operation timed in alternating blocks (ours, pause, libtorch, pause, …).
dotnet "$bench" compare "$artifacts" $quick
# 2. The report.
dotnet "$bench" report "$artifacts" BENCHMARKS.md "bench/run.sh${quick:+ $quick}"
echo "wrote BENCHMARKS.md"
