#!/usr/bin/env bash
# Regenerates tests/corpus/baseline.tsv and tests/probes/baseline.tsv: the
# per-document item F1 and parent accuracy of the hand-written regex outliner
# (shared/tools/regex_outline.py), scored by shared/tools/score.py. The
# accuracy tests require tigang to do at least as well on every document.
#
# usage: scripts/baseline.sh [SHARED_DIR]   (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
for dir in tests/corpus tests/probes; do
  out=$(mktemp -d)
  python3 "$shared/tools/regex_outline.py" "$dir"/*.txt --out "$out" >/dev/null
  {
    echo "# name	f1	parent   (regex baseline, scored by score.py; made by scripts/baseline.sh)"
    python3 "$shared/tools/score.py" "$dir" "$out" --docs "$dir" |
      sed -n 's/^\([^ ]*\) .* F1=\([0-9.]*\) parent=\([0-9.]*\).*/\1\t\2\t\3/p' | grep -v '^TOTAL'
  } > "$dir/baseline.tsv"
  rm -rf "$out"
  echo "wrote $dir/baseline.tsv ($(grep -vc '^#' "$dir/baseline.tsv") documents)"
done
