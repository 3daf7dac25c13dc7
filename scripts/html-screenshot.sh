#!/usr/bin/env bash
# Renders tigang's HTML output of a document to a PNG with headless Chromium,
# so that a person can look at it. Installs nothing: it needs `chromium` (or
# `chromium-browser` / `google-chrome`) on the PATH and says so otherwise.
#
# usage: scripts/html-screenshot.sh [INPUT] [OUTPUT.png] [WIDTHxHEIGHT]
#   defaults: tests/corpus/seed.txt  docs/seed-html.png  1400x900
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-tests/corpus/seed.txt}
png=${2:-docs/seed-html.png}
size=${3:-1400x900}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "html-screenshot: no chromium on this machine (e.g. apt-get install chromium fonts-noto-cjk)" >&2
  exit 3
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --release -- "$input" --format html --full -o "$tmp/page.html"
mkdir -p "$(dirname "$png")"
case "$png" in /*) out=$png ;; *) out=$PWD/$png ;; esac
# The flags keep a headless Chromium off the network and quiet (no first-run,
# background or component-update connections).
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/profile" --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$out" "file://$tmp/page.html" >/dev/null 2>&1
[ -s "$out" ] || { echo "html-screenshot: chromium wrote no $png" >&2; exit 1; }
echo "wrote $png"
