#!/usr/bin/env bash
# The speed table: tigang's stages (decode, parse, YAML, JSON, Markdown) on the
# corpus and on a 50 MB file made by repeating it, with peak memory; then, on
# the same 50 MB file, tigang end to end (`tigang --format json FILE >
# /dev/null`), the hand-written regex baseline end to end, and `wc -l`, each
# the median of 3 runs, with the ratios tigang/baseline and tigang/wc.
#
# usage: scripts/bench.sh [SHARED_DIR]     (default ../shared; MB=50 to change the size)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
mb=${MB:-50}
dir=target/bench
mkdir -p "$dir"
big="$dir/big-${mb}mb.txt"

cargo build --release --quiet
cargo bench --quiet --bench throughput -- write-big "$big" --mb "$mb"
echo "== stages (cargo bench --bench throughput), single thread"
cargo bench --quiet --bench throughput -- corpus --mb "$mb" | grep -v '^$'
cargo bench --quiet --bench throughput -- big --mb "$mb" | tail -n 1
echo
echo "== the parse's stages on the big input (cargo bench --bench throughput -- stages big)"
cargo bench --quiet --bench throughput -- stages big --mb "$mb"

# Median wall time of 3 runs of a command, in seconds.
median() {
  local times=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
}

bytes=$(stat -c %s "$big")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
t_tigang=$(median target/release/tigang --format json --quiet "$big")
t_regex=$(median python3 "$shared/tools/regex_outline.py" "$big" --out "$out")
t_wc=$(median wc -l "$big")
echo
echo "== end to end on $big ($(echo "$bytes / 1048576" | bc) MB), median of 3"
awk -v b="$bytes" -v t="$t_tigang" -v r="$t_regex" -v w="$t_wc" 'BEGIN {
  mb = b / 1048576
  printf "%-34s %10s %14s %12s\n", "command", "MB/s", "× baseline", "× wc -l"
  printf "%-34s %10.0f %14.1f %12.3f\n", "tigang --format json", mb / t, r / t, w / t
  printf "%-34s %10.0f %14.1f %12.3f\n", "regex_outline.py (baseline)", mb / r, 1, w / r
  printf "%-34s %10.0f %14.1f %12.3f\n", "wc -l", mb / w, r / w, 1
}'
