"""Drizzle Kit 0.31's file format: its constants, its JSON spelling, and strict reading of its files.

A stage-0 module because every stage needs some of it: the differ writes the breakpoint marker, the
snapshot reader checks versions and reads JSON, the parser splits on the marker, the folder lays the
files out. ``pgshift.folder.files`` re-exports these names for the folder's readers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pgshift.errors import FolderError
from pgshift.gcpause import pausing_gc

JOURNAL_VERSION = "7"
SNAPSHOT_VERSION = "7"
DIALECT = "postgresql"
BREAKPOINT = "--> statement-breakpoint"
DOWN_SUFFIX = ".down.sql"


def read_text(path: Path) -> str:
    """A folder file's text exactly as written (``\r\n`` kept, so hashes match ``sha256sum``).

    Refuses what would otherwise be read wrongly without a word: a NUL byte (libpg_query stops at
    it and silently skips the rest of the file), bytes that are not UTF-8, binary content. The
    FolderError names the file and the line. FileNotFoundError passes through for callers that
    treat a missing file specially.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise FolderError(f"cannot read {path.name}: {exc.strerror}", where=str(path)) from exc
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FolderError(
            f"{path.name} contains a NUL byte (binary content?) at line {line}; nothing was run",
            where=f"{path}:{line}",
            hint="a migration folder holds text only: restore the file from version control, or remove the "
            "stray bytes",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FolderError(
            f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); nothing was run",
            where=f"{path}:{line}",
            hint="save the file as UTF-8 (iconv -f latin1 -t utf-8), or restore it from version control",
        ) from None


@pausing_gc
def read_json(path: Path) -> Any:
    try:
        text = read_text(path)
    except FileNotFoundError as exc:
        raise FolderError(f"cannot read {path.name}: {exc.strerror}", where=str(path)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n<<<<<<< " in f"\n{text}" and "\n>>>>>>> " in text:
            raise FolderError(
                f"{path.name} holds an unresolved git merge conflict",
                where=str(path),
                hint="keep both sides' entries (each branch's migration), fix the idx order, then run "
                "`pgshift rebase` to regenerate the later migration on top of the other",
            ) from None
        raise FolderError(
            f"{path.name} is not valid JSON: {exc.msg}",
            where=f"{path}:{exc.lineno}:{exc.colno}",
            hint="restore it from version control (git checkout -- <file>)",
        ) from exc


def to_json(data: Any) -> str:
    """JSON text byte-compatible with JavaScript's ``JSON.stringify(data, null, 2)``.

    orjson's two-space indent is byte-identical to JSON.stringify and ~30x faster than the standard
    library's indenting encoder (a 1,000-table snapshot is 3 MB); integers beyond 64 bits, which
    orjson refuses, fall back to the standard library.
    """
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:
        return json.dumps(data, indent=2, ensure_ascii=False)
