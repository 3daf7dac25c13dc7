"""Chunk a folder of documents on every core.

tigang's parse is a pure function of one document, so a process pool (or any
engine's map step) is all a large corpus needs:

    python examples/corpus_map.py DIR OUT.jsonl [--max-chars N] [--processes N]

Writes one JSON line per chunk, with the file it came from. A file that cannot
be read or decoded is reported on stderr (exit code 2) and the others still go
through. Ends with one summary line on stderr:

    corpus_map: 91 files read (3.36 MB, 0 failed), 4531 chunks written, 0.25 s, 366.9 files/s, 13.53 MB/s
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import tigang

Job = Tuple[str, Optional[int]]


def chunk_one(job: Job) -> Tuple[str, List[Dict[str, Any]], Optional[str]]:
    """The chunks of one file, or the message that says why there are none."""
    path, max_chars = job
    try:
        return path, tigang.chunk_file(path, max_chars=max_chars), None
    except ValueError as e:
        return path, [], str(e)


def size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Chunk a folder of documents on every core.")
    ap.add_argument("dir")
    ap.add_argument("out")
    ap.add_argument("--max-chars", type=int, default=None)
    ap.add_argument("--processes", type=int, default=None)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    files = sorted(str(p) for p in Path(args.dir).rglob("*") if p.suffix in {".txt", ".md"})
    failed = written = 0
    with multiprocessing.Pool(args.processes) as pool, open(args.out, "w", encoding="utf-8") as out:
        # imap keeps the input order, so the output does not depend on timing.
        for path, chunks, error in pool.imap(chunk_one, [(f, args.max_chars) for f in files], chunksize=4):
            if error is not None:
                print(f"tigang: {error}", file=sys.stderr)
                failed += 1
            for c in chunks:
                out.write(json.dumps({"file": path, **c}, ensure_ascii=False) + "\n")
            written += len(chunks)
    seconds = time.perf_counter() - start
    mb = sum(size(f) for f in files) / 1e6
    rate = lambda n: n / seconds if seconds > 0 else 0.0
    print(
        f"corpus_map: {len(files)} files read ({mb:.2f} MB, {failed} failed), {written} chunks written, "
        f"{seconds:.2f} s, {rate(len(files)):.1f} files/s, {rate(mb):.2f} MB/s",
        file=sys.stderr,
    )
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
