"""The compiled code of pgshift's dataclass methods, kept between runs as a module's is in its .pyc.

Why: before Python 3.13, ``@dataclass`` compiles every method it writes (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, and a frozen class's ``__setattr__`` and ``__delattr__``) from source text,
one ``compile()`` each. The ~120 dataclasses a ``generate`` defines cost 126 ms of compiling in its
285 ms of imports (2-core AMD EPYC host, 2026-12-06): the largest single cost of starting up. That text
is a pure function of the class's fields and options (the values it needs, defaults and types, are
passed in when the compiled code runs, never spelled in it), so the same text always compiles to the
same code, and the code can be kept.

How: ``install`` puts ``_exec`` in the ``dataclasses`` module's namespace, where it shadows the builtin
``exec`` that module calls with that text. For a class of a pgshift module (the globals passed in name
it) the code comes from the cache and is compiled only when missing; any other class (an application's,
a test's) is compiled and run exactly as without pgshift. The cache is a marshal file in pgshift's own
``__pycache__``, named with the interpreter's cache tag and headed by its full version, so it has the
trust, placement and lifetime of the .pyc files beside it. It is read on the first pgshift dataclass,
and written (atomically) at exit when something had to be compiled, unless bytecode writing is off
(``PYTHONDONTWRITEBYTECODE``, ``-B``), as for .pyc files. A file that cannot be read, or is from
another Python, is ignored and replaced; a directory that cannot be written is left alone.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
from types import CodeType
from typing import Any

# The file (None: no cache, e.g. an interpreter without a bytecode cache tag); tests point it elsewhere.
# (os.path, not pathlib: this module loads with every command, `pgshift --help` included, and pathlib
# would be its largest import.)
PATH: str | None = (
    os.path.join(os.path.dirname(__file__), "__pycache__", f"dataclasses.{sys.implementation.cache_tag}.marshal")
    if sys.implementation.cache_tag
    else None
)
# A different build of the same minor version may compile differently, and so may -O (``optimize``).
_HEADER = f"{sys.version} -O{sys.flags.optimize}".encode()
_LIMIT = 4000  # entries kept; past this (old sources' methods piling up) only this run's are written

_codes: dict[str, CodeType] | None = None  # text -> code; None: not read yet
_used: set[str] = set()  # texts this process looked up (what is kept when the file grows past _LIMIT)
_pid = 0  # the process that compiled something and writes at exit (0: nothing compiled)
_previous: Any = builtins.exec


def install() -> None:
    """Have ``dataclasses`` take pgshift's dataclass methods from the cache (once per process)."""
    global _previous
    import dataclasses

    current = getattr(dataclasses, "exec", builtins.exec)
    if current is not _exec:
        _previous = current
        setattr(dataclasses, "exec", _exec)  # noqa: B010 (a module global the type checker does not know)


def _exec(source: Any, namespace: Any = None, local: Any = None, /) -> None:
    """``exec`` for the ``dataclasses`` module: cached code for a pgshift class's method text."""
    if not isinstance(source, str) or not isinstance(namespace, dict) or not _ours(namespace.get("__name__")):
        _previous(source, namespace, local)
        return
    codes = _codes if _codes is not None else _read()
    code = codes.get(source)
    if code is None:
        code = codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _compiled()
    _used.add(source)
    _previous(code, namespace, local)


def _ours(module: Any) -> bool:
    return isinstance(module, str) and (module == "pgshift" or module.startswith("pgshift."))


def _read() -> dict[str, CodeType]:
    """The cache file's codes, now this process's ({} when it is missing, unreadable or from another Python)."""
    global _codes
    _codes = _load()
    return _codes


def _load() -> dict[str, CodeType]:
    if PATH is None:
        return {}
    with contextlib.suppress(Exception):  # (missing; marshal raises ValueError, EOFError or TypeError)
        with open(PATH, "rb") as file:
            data = file.read()
        if data[: len(_HEADER) + 1] == _HEADER + b"\n":
            codes = marshal.loads(data[len(_HEADER) + 1 :])
            if isinstance(codes, dict):
                return {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}
    return {}


def _compiled() -> None:
    """Note that this process compiled something: it writes the cache when it exits."""
    global _pid
    if _pid != os.getpid():
        _pid = os.getpid()
        import atexit

        atexit.register(write)


def write() -> None:
    """Write the cache when this process compiled something, with what other processes wrote meanwhile
    (generate's forked child compiles the linter's classes, its parent the rest: each keeps the other's).
    ``pgshift.forked``'s children call it before they exit, as they run no ``atexit`` handlers."""
    if _pid != os.getpid() or _codes is None or PATH is None or sys.dont_write_bytecode:
        return
    codes = {**_load(), **_codes}
    if len(codes) > _LIMIT:
        codes = {k: v for k, v in _codes.items() if k in _used}
    temporary = f"{PATH}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(PATH), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(_HEADER + b"\n" + marshal.dumps(codes))
        os.replace(temporary, PATH)  # a reader sees the old file or the new one, never half of one
    except OSError:  # a read-only installation: it runs as without the cache
        with contextlib.suppress(OSError):
            os.unlink(temporary)
