import os
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

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

SCHEMA_VERSION: int

class TextLine(TypedDict):
    text: str
    line: int

class Item(TypedDict, total=False):
    marker: str
    family: str
    ordinal: int
    title: str
    line: int
    span: List[int]
    body: str
    body_span: List[int]
    children: List["Item"]

class Document(TypedDict, total=False):
    lines: List[int]
    title: Optional[TextLine]
    subtitle: List[TextLine]
    salutation: Optional[TextLine]
    front_matter: str
    toc: Dict[str, Any]
    preamble: str
    preamble_span: List[int]
    items: List[Item]
    closing: Optional[TextLine]
    back_matter: str

class Diagnostic(TypedDict, total=False):
    severity: Literal["note", "warning", "error"]
    code: str
    message: str
    span: List[int]
    line: int
    column: int
    help: str

class Outline(TypedDict, total=False):
    version: int
    source: Dict[str, Any]
    profile: str
    documents: List[Document]
    diagnostics: List[Diagnostic]

class Chunk(TypedDict):
    document: int
    title: Optional[str]
    path: List[str]
    markers: List[str]
    text: str
    lines: List[int]
    span: List[int]

def parse(text: str, profile: Optional[str] = ..., full: bool = ...) -> Outline: ...
def chunks(text: str, max_chars: Optional[int] = ..., profile: Optional[str] = ...) -> List[Chunk]: ...
def check(text: str, profile: Optional[str] = ...) -> List[Diagnostic]: ...
def parse_file(
    path: Union[str, os.PathLike[str]],
    profile: Optional[str] = ...,
    full: bool = ...,
    encoding: Optional[str] = ...,
    lossy: bool = ...,
) -> Outline: ...
def chunk_file(
    path: Union[str, os.PathLike[str]],
    max_chars: Optional[int] = ...,
    profile: Optional[str] = ...,
    encoding: Optional[str] = ...,
    lossy: bool = ...,
) -> List[Chunk]: ...
def check_file(
    path: Union[str, os.PathLike[str]],
    profile: Optional[str] = ...,
    encoding: Optional[str] = ...,
    lossy: bool = ...,
) -> List[Diagnostic]: ...
def diff(
    old: str, new: str, profile: Optional[str] = ..., all: bool = ..., full: bool = ...
) -> Dict[str, Any]: ...
def diff_files(
    old: Union[str, os.PathLike[str]],
    new: Union[str, os.PathLike[str]],
    profile: Optional[str] = ...,
    all: bool = ...,
    full: bool = ...,
) -> Dict[str, Any]: ...
def profiles() -> List[str]: ...
