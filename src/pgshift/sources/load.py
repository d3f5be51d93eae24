"""Load the user's schema code and find its SQLAlchemy MetaData.

The ``schema`` setting is either ``"package.module:attr"`` or a path to a ``.py`` file (optionally with
``:attr``). ``attr`` may name a MetaData, a declarative Base (anything with a ``.metadata``), or
SQLModel; without it the module must hold exactly one of those. Every way this can go wrong becomes a
SchemaLoadError that says what, where (file and line of an import failure) and what to do, because a
traceback from inside the user's module is the most common first-run failure.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

from pgshift.errors import SchemaLoadError

ACCEPTED = "a sqlalchemy.MetaData, a declarative Base (with .metadata), or SQLModel"


def load_metadata(spec: str, root: Path) -> Any:
    """Import the schema named by ``spec`` (relative paths against ``root``) and return its MetaData."""
    from sqlalchemy import MetaData

    target, _, attr = _split_spec(spec)
    module = _import(target, root)
    where = getattr(module, "__file__", None) or target
    if attr:
        if not hasattr(module, attr):
            candidates = sorted(_candidates(module, MetaData))
            raise SchemaLoadError(
                f"{target} has no attribute {attr!r}",
                where=where,
                hint=f"found: {', '.join(candidates)}" if candidates else f"define {attr} as {ACCEPTED}",
            )
        metadata = _as_metadata(getattr(module, attr), MetaData)
        if metadata is None:
            kind = type(getattr(module, attr)).__name__
            raise SchemaLoadError(
                f"{target}:{attr} is a {kind}, not a schema",
                where=where,
                hint=f"point `schema` at {ACCEPTED}",
            )
        return metadata
    found = _candidates(module, MetaData)
    unique = {id(m): m for m in found.values()}
    if len(unique) == 1:
        return next(iter(unique.values()))
    if not unique:
        raise SchemaLoadError(
            f"{target} holds no MetaData, declarative Base or SQLModel",
            where=where,
            hint=f'name it explicitly: schema = "{target}:<attr>"',
        )
    raise SchemaLoadError(
        f"{target} holds several schemas: {', '.join(sorted(found))}",
        where=where,
        hint=f'choose one: schema = "{target}:{sorted(found)[0]}"',
    )


def _split_spec(spec: str) -> tuple[str, str, str]:
    # "C:\\x.py" is not a concern (POSIX paths); "pkg.mod:attr" and "path/x.py:attr" are.
    target, sep, attr = spec.rpartition(":")
    if not sep:
        return spec, "", ""
    return target, sep, attr


def _is_path(target: str) -> bool:
    return target.endswith(".py") or "/" in target


def _import(target: str, root: Path) -> ModuleType:
    root = root.resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    if _is_path(target):
        path = (root / target).resolve()
        if not path.is_file():
            raise SchemaLoadError(
                f"schema file {target} does not exist",
                where=str(path),
                hint="check `schema` in the config or --schema",
            )
        folder = str(path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        name = path.stem
        if name in sys.modules and getattr(sys.modules[name], "__file__", None) == str(path):
            return sys.modules[name]
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise SchemaLoadError(f"cannot load {target} as a Python module", where=str(path))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:
            sys.modules.pop(name, None)
            raise _import_failure(target, exc) from exc
        return module
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as exc:
        if exc.name and (target == exc.name or target.startswith(exc.name + ".")):
            raise SchemaLoadError(
                f"no module named {target!r}",
                where=f"searched from {root}",
                hint="check `schema` in the config, or run pgshift from your project folder",
            ) from exc
        raise _import_failure(target, exc) from exc
    except BaseException as exc:
        raise _import_failure(target, exc) from exc


def _import_failure(target: str, exc: BaseException) -> SchemaLoadError:
    """The innermost frame of the user's code (not importlib's) names the place."""
    if isinstance(exc, KeyboardInterrupt):
        raise exc
    where = None
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"{exc.filename}:{exc.lineno}"
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "importlib" not in f.filename]
        # Point at the user's code, not at the library frame that raised (site-packages, stdlib).
        own = [
            f
            for f in frames
            if f.filename.endswith(".py")
            and "site-packages" not in f.filename
            and not f.filename.startswith((sys.prefix, sys.base_prefix))
        ]
        frames = own or frames
        if frames:
            where = f"{frames[-1].filename}:{frames[-1].lineno}"
    detail = f"{type(exc).__name__}: {exc}"
    return SchemaLoadError(
        f"importing the schema module {target} failed: {detail}",
        where=where,
        hint=f"fix the error in your schema code (`{_traceback_command(target)}` shows the traceback)",
    )


def _traceback_command(target: str) -> str:
    """The command that reproduces the import with its full traceback: a file runs, a module imports."""
    if target.endswith(".py") or "/" in target or "\\" in target:
        return f"python {target}"
    return f"python -c 'import {target}'"


def _as_metadata(obj: Any, metadata_cls: type) -> Any:
    if isinstance(obj, metadata_cls):
        return obj
    inner = getattr(obj, "metadata", None)
    if isinstance(inner, metadata_cls):
        return inner
    return None


def _candidates(module: ModuleType, metadata_cls: type) -> dict[str, Any]:
    """Module attributes that are (or carry) a MetaData with at least one table, or a bare MetaData."""
    found: dict[str, Any] = {}
    for name, value in vars(module).items():
        if name.startswith("_") or isinstance(value, ModuleType):
            continue
        metadata = _as_metadata(value, metadata_cls)
        if metadata is None:
            continue
        # ORM model classes also carry .metadata; count only the MetaData itself and Base-like holders.
        if isinstance(value, type) and getattr(value, "__table__", None) is not None:
            continue
        found[name] = metadata
    return found
