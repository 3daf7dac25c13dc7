#!/usr/bin/env bash
# Every test: the Rust crate (unit, integration, snapshot, accuracy, property,
# doc tests), then the Python package: its release wheel built, installed into
# a fresh virtual environment and tested with pytest, then installed alone
# into another fresh one, where it must import with its API and nothing else.
#
# usage: scripts/test.sh            (needs cargo and python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test

# A fresh environment each run, unless TIGANG_VENV names one of yours
# (which is only added to, never cleared).
if [ -n "${TIGANG_VENV:-}" ]; then
  venv=$TIGANG_VENV
  python3 -m venv "$venv"
else
  venv=target/py-venv
  python3 -m venv --clear "$venv"
fi
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "maturin>=1.7,<2" "pytest>=7" "pyyaml>=6"
rm -rf target/wheels
(cd python && maturin build --quiet --release --out ../target/wheels)
python -m pip install --quiet --force-reinstall target/wheels/tigang-*.whl
python -m pytest -q python/tests
deactivate

# The wheel as a user installs it: nothing else in the environment.
python3 -m venv --clear target/wheel-venv
target/wheel-venv/bin/python -m pip install --quiet target/wheels/tigang-*.whl
(cd target && wheel-venv/bin/python -c '
import tigang
assert [n for n in dir(tigang) if not n.startswith("_")] == sorted(tigang.__all__), dir(tigang)
assert tigang.parse("一、总体要求\n二、主要任务\n")["documents"][0]["items"][1]["marker"] == "二、"
print("wheel in a fresh venv: ok")')
