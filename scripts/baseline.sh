#!/usr/bin/env bash
# Regenerates tests/corpus/baseline.tsv: the per-document item F1 and parent
# accuracy of the hand-written regex outliner (shared/tools/regex_outline.py),
# scored by shared/tools/score.py. The accuracy test requires tigang to do at
# least as well on every document.
#
# usage: scripts/baseline.sh [SHARED_DIR]   (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$shared/tools/regex_outline.py" tests/corpus/*.txt --out "$out" >/dev/null
{
  echo "# name	f1	parent   (regex baseline, scored by score.py; made by scripts/baseline.sh)"
  python3 "$shared/tools/score.py" tests/corpus "$out" --docs tests/corpus |
    sed -n 's/^\([^ ]*\) .* F1=\([0-9.]*\) parent=\([0-9.]*\).*/\1\t\2\t\3/p' | grep -v '^TOTAL'
} > tests/corpus/baseline.tsv
echo "wrote tests/corpus/baseline.tsv ($(grep -vc '^#' tests/corpus/baseline.tsv) documents)"
