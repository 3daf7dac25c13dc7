"""The YAML the command line writes loads, with PyYAML (a YAML 1.1 reader),
as exactly the JSON it writes: titles such as ``yes``, ``on`` or
``2001-12-14`` stay strings."""

import json
import pathlib
import subprocess

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = ROOT / "target" / "debug" / "tigang"

pytestmark = pytest.mark.skipif(not BIN.exists(), reason="needs the command line built by `cargo test`")

HOSTILE = "\n".join(
    f"{n}、{title}"
    for n, title in zip(
        "一二三四五六七八九十",
        ["yes", "no", "on", "Off", "y", "2001-12-14", "1:20", "0o17", "1_000", "~"],
    )
) + "\n"


def run(args, stdin=None):
    out = subprocess.run([str(BIN), *args], input=stdin, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_yaml_1_1_lookalikes_stay_strings():
    as_yaml = yaml.safe_load(run(["--format", "yaml"], HOSTILE.encode()))
    as_json = json.loads(run(["--format", "json"], HOSTILE.encode()))
    assert as_yaml == as_json
    titles = [item["title"] for item in as_yaml["documents"][0]["items"]]
    assert titles == ["yes", "no", "on", "Off", "y", "2001-12-14", "1:20", "0o17", "1_000", "~"]


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "corpus").glob("*.txt")), ids=lambda p: p.name)
def test_corpus_yaml_loads_as_the_json(path):
    assert yaml.safe_load(run(["--full", str(path)])) == json.loads(run(["--full", "--format", "json", str(path)]))
