"""tigang (提纲): outlines of Chinese speeches and official documents.

tigang recognises the enumeration markers that structure a speech, a work
report, a notice or a law (一、 （一） 1. （1） ① 一是… 第一， 首先… 第一章 第一条)
and returns the nested outline, with line numbers and byte spans. The dicts
follow the JSON schema of the command line (``version`` 1).

>>> import tigang
>>> outline = tigang.parse("一、总体要求\\n（一）指导思想\\n（二）基本原则\\n二、主要任务\\n")
>>> [item["marker"] for item in outline["documents"][0]["items"]]
['一、', '二、']
>>> tigang.chunks("一、总体要求\\n坚持稳中求进。\\n")[0]["path"]
['一、总体要求']
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, Union

from . import _tigang

__all__ = ["parse", "chunks", "check", "parse_file", "chunk_file", "profiles", "SCHEMA_VERSION"]

#: The version of the output schema (the ``version`` field of every outline).
SCHEMA_VERSION: int = _tigang.SCHEMA_VERSION


def parse(text: str, profile: Optional[str] = None, full: bool = False) -> Dict[str, Any]:
    """The outline of ``text``.

    ``profile`` is a built-in name (``speech``, ``gongwen``, ``law``,
    ``taiwan``) or the path of a profile file; by default one is chosen for
    the text and reported as ``"law (auto)"``. ``full=True`` adds item bodies
    and the text around the items, so that nothing is lost.

    Raises ``ValueError`` for a profile that cannot be found or is invalid.
    """
    return json.loads(_tigang.parse_json(text, profile, full))


def chunks(text: str, max_chars: Optional[int] = None, profile: Optional[str] = None) -> List[Dict[str, Any]]:
    """``text`` cut into chunks for retrieval.

    Each chunk is the body of one item (or a document's preamble) with
    ``path`` (the headings above it, e.g. ``["一、…", "（一）…"]``),
    ``markers``, ``text``, ``lines`` (first and last, 1-based) and ``span``
    (bytes of the UTF-8 text). A text longer than ``max_chars`` characters is
    cut at sentence ends, each piece keeping the path.
    """
    return json.loads(_tigang.chunks_json(text, max_chars, profile))


def check(text: str, profile: Optional[str] = None) -> List[Dict[str, Any]]:
    """The diagnostics of ``text``'s numbering (skipped or repeated ordinals,
    mixed brackets, a count that does not match its announcement, …): dicts
    with ``severity``, ``code``, ``message``, ``line``, ``column``, ``span``
    and ``help``."""
    return json.loads(_tigang.check_json(text, profile))


def parse_file(
    path: Union[str, "os.PathLike[str]"],
    profile: Optional[str] = None,
    full: bool = False,
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> Dict[str, Any]:
    """The outline of the file at ``path``.

    The encoding (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5) is detected and
    reported in ``source.encoding``, unless ``encoding`` names one. Raises
    ``ValueError`` with the command line's message (naming the file and the
    reason) for a file that cannot be read, is not text, or does not decode;
    ``lossy=True`` replaces undecodable bytes instead and reports it.
    """
    return json.loads(_tigang.parse_file_json(os.fspath(path), profile, full, encoding, lossy))


def chunk_file(
    path: Union[str, "os.PathLike[str]"],
    max_chars: Optional[int] = None,
    profile: Optional[str] = None,
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> List[Dict[str, Any]]:
    """The chunks of the file at ``path`` (see :func:`chunks`), its encoding
    detected as by :func:`parse_file`; ``span`` counts bytes of the decoded
    text in UTF-8."""
    return json.loads(_tigang.chunk_file_json(os.fspath(path), max_chars, profile, encoding, lossy))


def profiles() -> List[str]:
    """The names of the built-in profiles."""
    return list(_tigang.profiles())
