"""The Python package: same schema as the command line, chunks with heading
paths, errors as ValueError with the command line's messages, a tested
multiprocessing map over a folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tigang

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "corpus" / "seed.txt"


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_parse_gives_the_json_schema():
    outline = tigang.parse(seed())
    assert outline["version"] == tigang.SCHEMA_VERSION == 1
    assert outline["profile"] == "speech (auto)"
    assert len(outline["documents"]) == 2
    second = outline["documents"][1]["items"]
    san = next(i for i in second if i["marker"] == "三、")
    eryao = next(i for i in san["children"] if i["marker"] == "二要")
    assert [c["marker"] for c in eryao["children"]][:3] == ["①", "②", "③"]
    assert {"marker", "family", "ordinal", "title", "line", "span", "children"} <= set(san)


def test_parse_matches_the_command_line_json():
    # The bindings and the CLI share one schema and one implementation.
    built = [ROOT / "target" / kind / "tigang" for kind in ("release", "debug")]
    cli = next((p for p in built if p.exists()), None)
    if cli is None:
        pytest.skip("the CLI is not built (cargo build)")
    out = subprocess.run([str(cli), "--format", "json", str(SEED)], capture_output=True, check=True)
    from_cli = json.loads(out.stdout)
    from_py = tigang.parse_file(SEED)
    from_py["source"]["path"] = from_cli["source"]["path"]
    assert from_py == from_cli


def test_profiles_and_auto_selection():
    assert tigang.profiles() == ["speech", "gongwen", "law", "taiwan", "standard"]
    law = "第一条　为了规范管理，制定本办法。\n第二条　本办法适用于全省。\n第三条　本办法自公布之日起施行。\n"
    assert tigang.parse(law)["profile"] == "law (auto)"
    assert tigang.parse(law, profile="speech")["profile"] == "speech"
    user = ROOT / "examples" / "company-rules.yaml"
    text = (ROOT / "examples" / "company-rules.txt").read_text(encoding="utf-8")
    outline = tigang.parse(text, profile=str(user))
    assert outline["profile"] == "company-rules"


def test_chunks_carry_heading_paths_and_lose_no_body_text():
    text = seed()
    chunks = tigang.chunks(text)
    # The preamble is filed under the document's title, the rest under items.
    assert chunks[0]["path"] == [chunks[0]["title"]] and chunks[0]["markers"] == [""]
    assert chunks[1]["path"][0].startswith("一、")
    assert all(len(c["path"]) == len(c["markers"]) for c in chunks)
    nested = [c for c in chunks if c["markers"] == ["三、", "二要", "①"]]
    assert nested and nested[0]["path"][2].startswith("①")
    # Every non-blank character of the bodies is in the chunks, once.
    full = tigang.parse(text, full=True)

    def bodies(items):
        for i in items:
            if "body" in i:
                yield i["body"]
            yield from bodies(i["children"])

    expected = [d.get("preamble", "") for d in full["documents"]]
    for d in full["documents"]:
        expected.extend(bodies(d["items"]))
    squeeze = lambda parts: sorted("".join(parts).replace("\n", "").replace(" ", "").replace("\u3000", ""))
    assert squeeze(c["text"] for c in chunks) == squeeze(expected)


def test_long_chunks_are_cut_at_sentence_ends():
    text = "一、总体要求\n第一句话。第二句话。第三句话。\n"
    assert [c["text"] for c in tigang.chunks(text, max_chars=10)] == ["第一句话。第二句话。", "第三句话。"]
    with pytest.raises(ValueError, match="at least 1"):
        tigang.chunks(text, max_chars=0)


def test_check_reports_diagnostics():
    text = (ROOT / "tests" / "check" / "count-mismatch.txt").read_text(encoding="utf-8")
    codes = [d["code"] for d in tigang.check(text)]
    assert "count-mismatch" in codes


def test_parse_file_detects_encodings(tmp_path):
    gbk = tmp_path / "report.txt"
    gbk.write_bytes("关于做好安全生产工作的通知\n一、提高认识\n二、压实责任\n".encode("gbk"))
    outline = tigang.parse_file(gbk)
    assert outline["source"]["encoding"] == "gb18030"
    assert [i["marker"] for i in outline["documents"][0]["items"]] == ["一、", "二、"]
    chunks = tigang.chunk_file(gbk)
    assert chunks == [] or all(isinstance(c["path"], list) for c in chunks)


def test_errors_are_value_errors_with_the_cli_messages(tmp_path):
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(ValueError, match=r"scan\.txt: looks like a PDF"):
        tigang.parse_file(pdf)
    with pytest.raises(ValueError, match=r"missing\.txt: cannot read"):
        tigang.parse_file(tmp_path / "missing.txt")
    with pytest.raises(ValueError, match=r"line 10: duplicate family \"dun\""):
        tigang.parse("一、", profile=str(ROOT / "tests" / "profiles" / "broken.yaml"))
    with pytest.raises(ValueError, match="no built-in profile has that name"):
        tigang.parse("一、", profile="statute")


def test_multiprocessing_map_over_a_folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ["seed.txt", "050.txt", "115.txt"]:
        (docs / name).write_bytes((ROOT / "tests" / "corpus" / name).read_bytes())
    (docs / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "chunks.jsonl"
    example = ROOT / "python" / "examples" / "corpus_map.py"
    run = subprocess.run(
        [sys.executable, str(example), str(docs), str(out), "--max-chars", "300", "--processes", "2"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr  # the binary file fails, the rest go through
    assert "broken.txt" in run.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    files = {Path(line["file"]).name for line in lines}
    assert files == {"seed.txt", "050.txt", "115.txt"}
    assert all(sum(not ch.isspace() for ch in line["text"]) <= 300 for line in lines)
    # The same chunks as one process makes.
    assert [l for l in lines if l["file"].endswith("050.txt")] == [
        {"file": str(docs / "050.txt"), **c} for c in tigang.chunk_file(docs / "050.txt", max_chars=300)
    ]


def test_the_package_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(tigang)
    assert tried >= 2 and failures == 0
