#!/usr/bin/env bash
# The Spark example, tested: python/examples/spark_outline.py on local[2] over
# every *.txt of tests/corpus (UTF-8, GB18030, Big5, UTF-16), and for EVERY
# file its outline must equal `tigang --format json FILE` and its chunks
# `tigang --format chunks FILE`, both from the same tree. Exits 1 listing the
# files that differ.
#
# usage: scripts/spark-test.sh   (from anywhere; needs cargo, python3 with venv;
#                                 installs a Java runtime with apt-get if none)
# env:   TIGANG_SPARK_VENV (default target/spark-venv), SPARK_MASTER (local[2])
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
venv=${TIGANG_SPARK_VENV:-$root/target/spark-venv}
master=${SPARK_MASTER:-local[2]}
out=$root/target/spark-out
step() { printf 'spark-test: %s (%ds)\n' "$1" "$SECONDS" >&2; }

# Java for Spark (3.5 runs on Java 8, 11 and 17).
if ! command -v java >/dev/null; then
  step "installing a Java runtime"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  step "installing python3-venv"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
fi

step "virtual environment $venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
py=$venv/bin/python
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet "pyspark>=3.5,<3.6" "maturin>=1.7,<2"

step "building the wheel and the command line"
rm -rf "$root/target/wheels-spark"
(cd python && "$venv/bin/maturin" build --quiet --release --out "$root/target/wheels-spark")
"$py" -m pip install --quiet --force-reinstall --no-deps "$root"/target/wheels-spark/tigang-*.whl
cargo build --quiet --release
cli=$target/release/tigang

# Spark logs errors only, from the first line on.
export SPARK_CONF_DIR=$root/target/spark-conf
mkdir -p "$SPARK_CONF_DIR"
cat >"$SPARK_CONF_DIR/log4j2.properties" <<'EOF'
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
# PySpark takes its default level from this logger (else WARN, and says so).
logger.pyspark.name = org.apache.spark.api.python.PythonGatewayServer
logger.pyspark.level = error
EOF

step "running the Spark job on $master"
rm -rf "$out"
start=$(date +%s.%N)
rc=0
PYSPARK_PYTHON=$py "$py" python/examples/spark_outline.py tests/corpus "$out" \
  --master "$master" --suffixes .txt || rc=$?
end=$(date +%s.%N)
# 2: some file failed to decode (listed below); anything else is a crash.
[ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || exit "$rc"

step "comparing every file with the command line"
"$py" - "$cli" "$out" "$root/tests/corpus" "$start" "$end" <<'EOF'
import json, pathlib, subprocess, sys

cli, out, corpus, start, end = sys.argv[1:]
records = [json.loads(l) for p in sorted(pathlib.Path(out).glob("part-*")) for l in p.open(encoding="utf-8")]
by_file = {r["file"]: r for r in records}
expected = sorted(str(p.resolve()) for p in pathlib.Path(corpus).rglob("*.txt"))
differ = {}  # file -> why


def cli_output(fmt, path):
    run = subprocess.run([cli, "--quiet", "--format", fmt, path], capture_output=True)
    if run.returncode != 0:
        raise ValueError(f"tigang --format {fmt} failed: {run.stderr.decode(errors='replace').strip()}")
    return run.stdout.decode("utf-8")


for path in expected:
    r = by_file.get(path)
    if r is None or "error" in r:
        differ[path] = "missing from the Spark output" if r is None else r["error"]
        continue
    try:
        outline = json.loads(cli_output("json", path))
        chunks = [json.loads(l) for l in cli_output("chunks", path).splitlines() if l.strip()]
    except ValueError as e:
        differ[path] = str(e)
        continue
    why = []
    if r["outline"] != outline:
        why.append("the outline differs from tigang --format json")
    if r["chunks"] != chunks:
        why.append(f"the chunks differ from tigang --format chunks ({len(r['chunks'])} vs {len(chunks)} chunks)")
    if why:
        differ[path] = "; ".join(why)
for extra in sorted(set(by_file) - set(expected)):
    differ[extra] = "in the Spark output, not in the corpus"
if len(records) != len(by_file):
    differ[out] = f"{len(records)} records for {len(by_file)} files"

seconds = float(end) - float(start)
mb = sum(pathlib.Path(p).stat().st_size for p in expected) / 1e6
print(f"spark-test: {len(expected)} files, {mb:.2f} MB, {seconds:.1f} s including Spark start-up: "
      f"{len(expected) / seconds:.1f} files/s, {mb / seconds:.2f} MB/s")
for path, why in differ.items():
    print(f"spark-test: DIFFERS {path}: {why}", file=sys.stderr)
if differ:
    print(f"spark-test: {len(differ)} of {len(expected)} files differ", file=sys.stderr)
    sys.exit(1)
print(f"spark-test: all {len(expected)} files: outline and chunks identical to the command line's")
EOF
step "done"
