#!/usr/bin/env bash
# Runs the benchmark suite (ours: BenchmarkDotNet; peer: TorchSharp-cpu) and writes BENCHMARKS.md at the repo root.
#   bench/run.sh           full run (3 warm-ups + 21 measured iterations per benchmark; ~10+ minutes on 2 idle cores)
#   bench/run.sh --quick   1 warm-up + 3 measured 100 ms iterations; the peer times Lanczos and the plane once (a few minutes)
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

dotnet build bench/Landscape.Benchmarks -c Release --nologo -v quiet
dotnet build bench/TorchPeer -c Release --nologo -v quiet   # its post-build step runs weaken_glibcxx.py

ours=bench/Landscape.Benchmarks/bin/Release/net10.0/Landscape.Benchmarks.dll
peer=bench/TorchPeer/bin/Release/net10.0/linux-x64/TorchPeer.dll

# 1. Our problems (data, initialized θ, directions) and our loss/gradient/H·v, for the peer to check and time.
dotnet "$ours" export "$artifacts"
# 2. The peer: verifies loss, gradient and H·v against ours to 1e-10 relative (exits non-zero otherwise), then times.
dotnet "$peer" "$artifacts" $quick
# 3. Ours, through BenchmarkDotNet (Peak, P1, P2).
dotnet "$ours" run $quick "$artifacts"
# 4. The report.
dotnet "$ours" report "$artifacts" BENCHMARKS.md "bench/run.sh${quick:+ $quick}"
echo "wrote BENCHMARKS.md"
