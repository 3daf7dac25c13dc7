#!/usr/bin/env python3
"""Accepts pending insta snapshots (snapshots/*.snap.new) after review,
keeping each existing snapshot's header: what `cargo insta accept` does,
without installing cargo-insta. Review first: `git diff --no-index` or
`diff snapshots/NAME.snap snapshots/NAME.snap.new`."""
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent / "snapshots"
pending = sorted(root.glob("*.snap.new"))
for new in pending:
    old = new.with_suffix("")
    text = new.read_text(encoding="utf-8")
    # Header: between the first two '---' lines.
    _, new_header, body = text.split("---\n", 2)
    if old.exists():
        _, old_header, _ = old.read_text(encoding="utf-8").split("---\n", 2)
        header = old_header
    else:
        header = "".join(l + "\n" for l in new_header.splitlines() if not l.startswith("assertion_line:"))
    old.write_text("---\n" + header + "---\n" + body, encoding="utf-8")
    new.unlink()
    print(f"accepted {old.name}")
if not pending:
    print("no pending snapshots", file=sys.stderr)
