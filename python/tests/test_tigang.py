"""The Python package: same schema as the command line, chunks with heading
paths, errors as ValueError with the command line's messages, a tested
multiprocessing map over a folder."""

from __future__ import annotations

import json
import re
import shutil
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
    # The newest build: a stale release binary would compare an old schema.
    built = [p for p in (ROOT / "target" / kind / "tigang" for kind in ("release", "debug")) if p.exists()]
    cli = max(built, key=lambda p: p.stat().st_mtime, default=None)
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
    # The preamble has no heading above it (its document's title is its
    # context); the rest is filed under items.
    assert chunks[0]["path"] == [] and chunks[0]["markers"] == [] and chunks[0]["title"]
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


def test_the_namespace_is_the_api():
    # No helper (json, os, typing names, annotations) shows beside the API.
    assert [n for n in dir(tigang) if not n.startswith("_")] == sorted(tigang.__all__)
    assert all(callable(getattr(tigang, n)) for n in tigang.__all__ if n != "SCHEMA_VERSION")


def test_check_file_gives_the_diagnostics_of_the_text(tmp_path):
    gap = tmp_path / "gap.txt"
    text = "关于做好安全生产工作的通知\n一、提高认识\n二、压实责任\n四、强化保障\n"
    gap.write_bytes(text.encode("gbk"))  # detected, as by parse_file
    diagnostics = tigang.check_file(gap)
    assert [(d["code"], d["line"]) for d in diagnostics] == [("skipped-ordinal", 4)]
    assert diagnostics == tigang.check(text)
    assert tigang.check_file(str(gap), profile="gongwen") == tigang.check(text, profile="gongwen")
    # Every file of the check suite: the same as check() of its text.
    for path in sorted((ROOT / "tests" / "check").glob("*.txt")):
        if path.name != "undecodable-bytes.txt":
            assert tigang.check_file(path) == tigang.check(path.read_text(encoding="utf-8-sig")), path.name


def test_check_file_errors_name_the_file(tmp_path):
    with pytest.raises(ValueError, match=r"missing\.txt: cannot read"):
        tigang.check_file(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("一、总体要求\n".encode() + b"\xd6\xd0" + "二、主要任务\n".encode())
    with pytest.raises(ValueError, match=r"bad\.txt: not valid utf-8"):
        tigang.check_file(bad, encoding="utf-8")
    # lossy: the replaced bytes are reported first, as by tigang --check --lossy.
    assert tigang.check_file(bad, encoding="utf-8", lossy=True)[0]["severity"] == "warning"


def test_corpus_map_writes_the_chunks_and_a_summary(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("一、总体要求\n坚持稳中求进。\n二、主要任务\n抓好落实。\n", encoding="utf-8")
    (docs / "b.md").write_bytes("关于安全生产的通知\n一、提高认识\n要提高认识。\n".encode("gbk"))
    (docs / "c.txt").write_bytes(b"\xff\xfe\x00")  # a UTF-16LE mark, then half a character
    out = tmp_path / "chunks.jsonl"
    example = ROOT / "python" / "examples" / "corpus_map.py"
    run = subprocess.run(
        [sys.executable, str(example), str(docs), str(out), "--processes", "2"], capture_output=True, text=True
    )
    assert run.returncode == 2, run.stderr
    assert f"tigang: {docs / 'c.txt'}: not valid utf-16le" in run.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(Path(l["file"]).name, l["markers"], l["text"]) for l in lines] == [
        ("a.txt", ["一、"], "坚持稳中求进。"),
        ("a.txt", ["二、"], "抓好落实。"),
        ("b.md", ["一、"], "要提高认识。"),
    ]
    expected = [{"file": str(docs / n), **c} for n in ("a.txt", "b.md") for c in tigang.chunk_file(docs / n)]
    assert lines == expected
    summary = run.stderr.strip().splitlines()[-1]
    pattern = r"corpus_map: 3 files read \([0-9.]+ MB, 1 failed\), 3 chunks written, [0-9.]+ s, [0-9.]+ files/s, [0-9.]+ MB/s"
    assert re.fullmatch(pattern, summary), summary


def test_spark_example_in_local_mode(tmp_path):
    # Where PySpark and Java are installed (scripts/spark-test.sh checks the
    # whole corpus against the command line); skipped elsewhere.
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("一、总体要求\n坚持稳中求进。\n二、主要任务\n抓好落实。\n", encoding="utf-8")
    (docs / "b.txt").write_bytes("关于安全生产的通知\n一、提高认识\n要提高认识。\n".encode("gbk"))
    (docs / "c.txt").write_bytes(b"\xff\xfe\x00")
    out = tmp_path / "out"
    example = ROOT / "python" / "examples" / "spark_outline.py"
    run = subprocess.run(
        [sys.executable, str(example), str(docs), str(out), "--master", "local[1]"], capture_output=True, text=True
    )
    assert run.returncode == 2, run.stderr
    assert "c.txt: not valid utf-16le" in run.stderr and "spark_outline: 3 files" in run.stderr
    records = {
        Path(r["file"]).name: r
        for part in sorted(out.glob("part-*"))
        for r in map(json.loads, part.read_text(encoding="utf-8").splitlines())
    }
    assert set(records) == {"a.txt", "b.txt", "c.txt"} and "error" in records["c.txt"]
    for name in ("a.txt", "b.txt"):
        path = str((docs / name).resolve())
        assert records[name]["outline"] == tigang.parse_file(path)
        chunks = [{"file": path, **c} for c in tigang.chunk_file(path)]
        assert records[name]["chunks"] == chunks


def test_the_package_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(tigang)
    assert tried >= 2 and failures == 0


def test_diff_matches_by_meaning_and_agrees_with_the_command_line():
    old = (ROOT / "examples" / "draft-v1.txt").read_text(encoding="utf-8")
    new = (ROOT / "examples" / "draft-v2.txt").read_text(encoding="utf-8")
    d = tigang.diff(old, new)
    assert d["summary"]["added"] == 4 and d["summary"]["renumbered"] == 3
    added = [c["new"]["heading"] for c in d["changes"] if c["kind"] == "added"]
    assert added == ["（三）工作目标", "三、实施步骤"]
    assert tigang.diff(old, old)["changes"] == []
    assert len(tigang.diff(old, old, all=True)["changes"]) == 11
    edited = old.replace("统筹推进城镇老旧小区改造。", "统筹推进城镇老旧小区改造。注重完善配套设施。")
    assert tigang.diff(old, edited)["changes"] == []
    body = tigang.diff(old, edited, full=True)["changes"]
    assert [(c["aspects"], c["body"]) for c in body] == [(["body"], {"kept": 1, "removed": 0, "added": 1})]
    # The files, as the command line (built by `cargo test` before pytest) compares them.
    files = tigang.diff_files(ROOT / "examples" / "draft-v1.txt", ROOT / "examples" / "draft-v2.txt")
    assert files == d
    cli = ROOT / "target" / "debug" / "tigang"
    if cli.exists():
        out = subprocess.run(
            [str(cli), "diff", "--format", "json", "examples/draft-v1.txt", "examples/draft-v2.txt"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert out.returncode == 1
        assert json.loads(out.stdout)["diff"] == files


def test_diff_files_of_two_encodings_is_unchanged():
    utf8 = ROOT / "tests" / "corpus" / "001.txt"
    gb = ROOT / "tests" / "corpus" / "encoded" / "001.gb18030.txt"
    assert tigang.diff_files(utf8, gb)["changes"] == []
    with pytest.raises(ValueError, match="no-such.txt"):
        tigang.diff_files(utf8, ROOT / "no-such.txt")


def test_parse_file_reads_word_documents():
    outline = tigang.parse_file(ROOT / "tests" / "docx" / "three-levels.docx")
    assert outline["source"]["format"] == "docx"
    markers = [i["marker"] for i in outline["documents"][0]["items"]]
    assert markers[:2] == ["一、", "二、"]
    assert tigang.chunk_file(ROOT / "tests" / "docx" / "three-levels.docx")
