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

# The module's namespace is its API (``dir(tigang)`` lists ``__all__`` and
# nothing else public): helpers are imported under private names, and the
# typing names, needed only by the (string) annotations, only by type checkers.
from __future__ import annotations

import json as _json
import os as _os
from typing import TYPE_CHECKING as _TYPE_CHECKING

from . import _tigang

if _TYPE_CHECKING:
    import os
    from typing import Any, Dict, List, Optional, Union

del annotations  # bound by the __future__ import; the compiler flag stays

__all__ = [
    "parse",
    "chunks",
    "check",
    "diff",
    "parse_file",
    "chunk_file",
    "check_file",
    "diff_files",
    "profiles",
    "SCHEMA_VERSION",
]

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
    return _json.loads(_tigang.parse_json(text, profile, full))


def chunks(text: str, max_chars: Optional[int] = None, profile: Optional[str] = None) -> List[Dict[str, Any]]:
    """``text`` cut into chunks for retrieval.

    Each chunk is the body of one item (or a document's preamble, whose
    ``path`` is empty, ``title`` being its context) with ``path`` (the
    headings above it, e.g. ``["一、…", "（一）…"]``),
    ``markers``, ``text``, ``lines`` (first and last, 1-based) and ``span``
    (bytes of the UTF-8 text). A text longer than ``max_chars`` characters is
    cut at sentence ends, each piece keeping the path.
    """
    return _json.loads(_tigang.chunks_json(text, max_chars, profile))


def check(text: str, profile: Optional[str] = None) -> List[Dict[str, Any]]:
    """The diagnostics of ``text``'s numbering (skipped or repeated ordinals,
    mixed brackets, a count that does not match its announcement, …): dicts
    with ``severity``, ``code``, ``message``, ``line``, ``column``, ``span``
    and ``help``."""
    return _json.loads(_tigang.check_json(text, profile))


def parse_file(
    path: Union[str, os.PathLike[str]],
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
    return _json.loads(_tigang.parse_file_json(_os.fspath(path), profile, full, encoding, lossy))


def chunk_file(
    path: Union[str, os.PathLike[str]],
    max_chars: Optional[int] = None,
    profile: Optional[str] = None,
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> List[Dict[str, Any]]:
    """The chunks of the file at ``path`` (see :func:`chunks`), its encoding
    detected as by :func:`parse_file`; ``span`` counts bytes of the decoded
    text in UTF-8."""
    return _json.loads(_tigang.chunk_file_json(_os.fspath(path), max_chars, profile, encoding, lossy))


def check_file(
    path: Union[str, os.PathLike[str]],
    profile: Optional[str] = None,
    encoding: Optional[str] = None,
    lossy: bool = False,
) -> List[Dict[str, Any]]:
    """The diagnostics of the file at ``path`` (see :func:`check`), its
    encoding detected as by :func:`parse_file`. For a file that decodes, the
    same list as ``check`` of its text; ``lossy=True`` adds, first, a warning
    for the bytes it replaced (as ``tigang --check --lossy``). Raises
    ``ValueError`` naming the file, as :func:`parse_file` does, for a file
    that cannot be read or decoded."""
    return _json.loads(_tigang.check_file_json(_os.fspath(path), profile, encoding, lossy))


def diff(old: str, new: str, profile: Optional[str] = None, all: bool = False, full: bool = False) -> Dict[str, Any]:
    """What changed in the outline between two versions of a text.

    Items are matched by what they say, not by their numbers: a section
    inserted before 三、 is one ``added`` change and the later sections are
    ``renumbered``. Returns the ``diff`` of ``tigang diff --format json``:
    ``summary`` (counts), ``changes`` (each with ``kind`` added, removed or
    changed, ``aspects`` such as ``renumbered``, ``retitled``, ``moved``,
    and the ``old`` and ``new`` sides), ``new_diagnostics`` and
    ``resolved_diagnostics``. ``all=True`` lists the unchanged items too;
    ``full=True`` compares the items' bodies as well (aspect ``body``, with
    the sentences kept, removed and added).

    >>> d = diff("一、总体要求\\n二、保障措施\\n", "一、总体要求\\n二、主要任务\\n三、保障措施\\n")
    >>> [(c["kind"], c.get("aspects", []), c["new"]["heading"]) for c in d["changes"]]
    [('added', [], '二、主要任务'), ('changed', ['renumbered'], '三、保障措施')]
    """
    return _json.loads(_tigang.diff_json(old, new, profile, all, full))


def diff_files(
    old: Union[str, os.PathLike[str]],
    new: Union[str, os.PathLike[str]],
    profile: Optional[str] = None,
    all: bool = False,
    full: bool = False,
) -> Dict[str, Any]:
    """:func:`diff` of two files, each decoded as by :func:`parse_file`
    (two encodings of one text compare unchanged)."""
    return _json.loads(_tigang.diff_files_json(_os.fspath(old), _os.fspath(new), profile, all, full))


def profiles() -> List[str]:
    """The names of the built-in profiles."""
    return list(_tigang.profiles())
