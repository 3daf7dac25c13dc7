"""Outline and chunk a folder of documents with Apache Spark.

    python examples/spark_outline.py DIR OUT [--master local[2]] [--partitions N]
                                     [--max-chars N] [--suffixes .txt,.md]

(or ``spark-submit examples/spark_outline.py DIR OUT`` on a cluster). Writes OUT
(a folder, which must not exist: Spark's rule) of JSON Lines ``part-*`` files,
one line per input file::

    {"file": "/abs/path.txt", "outline": {...}, "chunks": [{"file": ..., "path": [...], ...}]}

``outline`` is the dict ``tigang.parse_file`` gives (``tigang --format json
FILE``); ``chunks`` are ``tigang.chunk_file``'s as ``tigang --format chunks
FILE`` writes them: with the file they came from. A file that cannot
be read or decoded gives ``{"file": ..., "error": "..."}`` instead, is named on
stderr, and makes the exit code 2; the others still go through. A summary line
ends stderr: files, MB, failures, chunks, the job's seconds and files/s.

How the files reach tigang (the choice, and why): the binding reads and
decodes a file itself (``parse_file``/``chunk_file``: UTF-8, UTF-16 with BOM,
GB18030/GBK, Big5 detected exactly as by the command line) and has no entry
point for raw bytes. Reading with ``sc.binaryFiles`` would leave the decoding
to this script, not to tigang, and the output could differ from the command
line's. So the driver lists the files and ships their *paths*:
``sc.parallelize(paths, n).mapPartitions(...)``; each Python worker imports
tigang once per partition and calls ``parse_file`` and ``chunk_file`` on its
paths (parsing runs without the GIL, one document at a time). The paths are
made absolute on the driver, so every executor must see the files at the same
path: local mode, or a shared filesystem (NFS, a mounted bucket) on a cluster;
the ``tigang`` wheel must be installed in every executor's Python. For HDFS
or S3 without a mount, copy the inputs to local disk first.

Spark's own logging is kept to errors (``--log-level``); the start-up lines
printed before the context exists need a ``log4j2.properties`` in
``SPARK_CONF_DIR`` (``scripts/spark-test.sh`` writes one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Set

# The command line's suffixes when it reads a directory.
SUFFIXES = ".txt,.text,.md,.markdown"


def list_files(inputs: List[str], suffixes: List[str]) -> List[str]:
    """The files to read, absolute and sorted: files as given, folders walked."""
    files: Set[str] = set()
    for given in inputs:
        p = Path(given)
        if p.is_dir():
            files.update(str(f.resolve()) for f in p.rglob("*") if f.is_file() and f.suffix in suffixes)
        else:
            files.add(str(p.resolve()))
    return sorted(files)


def chunk_line(path: str, chunk: Dict[str, Any]) -> Dict[str, Any]:
    """A chunk as a line of ``tigang --format chunks``: with ``file``."""
    return {"file": path, **chunk}


def outline_partition(paths: Iterable[str], max_chars: Optional[int]) -> Iterator[Dict[str, Any]]:
    """One record per path: the outline and the chunks, or the error."""
    import tigang  # on the executor, once per partition

    for path in paths:
        try:
            outline = tigang.parse_file(path)
            chunks = [chunk_line(path, c) for c in tigang.chunk_file(path, max_chars=max_chars)]
        except ValueError as e:
            yield {"file": path, "error": str(e)}
            continue
        yield {"file": path, "outline": outline, "chunks": chunks}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Outline and chunk a folder of documents with Spark.")
    ap.add_argument("inputs", nargs="+", metavar="DIR|FILE", help="folders (walked) and files")
    ap.add_argument("out", help="output folder of JSON Lines part files (must not exist)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--partitions", type=int, default=None, help="default: 4 per core, at most one per file")
    ap.add_argument("--max-chars", type=int, default=None, help="cut chunks longer than this at sentence ends")
    ap.add_argument("--suffixes", default=SUFFIXES, help=f"comma-separated (default {SUFFIXES})")
    ap.add_argument("--log-level", default="ERROR", help="Spark's log level (default ERROR)")
    args = ap.parse_args(argv)

    files = list_files(args.inputs, args.suffixes.split(","))
    if not files:
        print("spark_outline: no input files", file=sys.stderr)
        return 2
    if "://" not in args.out and os.path.exists(args.out):
        print(f"spark_outline: {args.out} exists; Spark writes a new folder", file=sys.stderr)
        return 2
    megabytes = sum(os.path.getsize(f) for f in files if os.path.exists(f)) / 1e6

    # Local mode: the workers run this Python (the one with tigang installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    started = time.perf_counter()
    conf = SparkConf().setAppName("tigang-outline").setIfMissing("spark.ui.showConsoleProgress", "false")
    if args.master:
        conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel(args.log_level)
    try:
        ready = time.perf_counter()
        n = args.partitions or max(1, min(len(files), 4 * sc.defaultParallelism))
        records = sc.parallelize(files, n).mapPartitions(lambda part: outline_partition(part, args.max_chars))
        # Count failures and chunks as the records are written: one pass.
        failures = sc.accumulator(0)
        chunks = sc.accumulator(0)

        def to_line(record: Dict[str, Any]) -> str:
            if "error" in record:
                failures.add(1)
            else:
                chunks.add(len(record["chunks"]))
            return json.dumps(record, ensure_ascii=False)

        records.map(to_line).saveAsTextFile(args.out)
        seconds = time.perf_counter() - ready
        if failures.value:
            # The messages name the files; they are in OUT too.
            for line in sc.textFile(args.out).filter(lambda l: '"error": ' in l).collect():
                record = json.loads(line)
                if "error" in record:
                    print(f"tigang: {record['error']}", file=sys.stderr)
    finally:
        sc.stop()
    print(
        f"spark_outline: {len(files)} files ({megabytes:.2f} MB, {failures.value} failed), {chunks.value} chunks, "
        f"{n} partitions on {args.master or 'the cluster'}: {seconds:.2f} s "
        f"(+ {ready - started:.1f} s Spark start-up), {len(files) / seconds:.1f} files/s, {megabytes / seconds:.2f} MB/s",
        file=sys.stderr,
    )
    return 2 if failures.value else 0


if __name__ == "__main__":
    sys.exit(main())
