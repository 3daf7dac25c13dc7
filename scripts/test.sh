#!/usr/bin/env bash
# Every test: the Rust crate (unit, integration, snapshot, accuracy, property,
# doc tests), then the Python package, built into a fresh virtual environment
# and tested with pytest.
#
# usage: scripts/test.sh            (needs cargo and python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test

venv=${TIGANG_VENV:-target/py-venv}
python3 -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet "maturin>=1.7,<2" "pytest>=7" "pyyaml>=6"
rm -rf target/wheels
(cd python && maturin build --quiet --out ../target/wheels)
python -m pip install --quiet --force-reinstall target/wheels/tigang-*.whl
python -m pytest -q python/tests
