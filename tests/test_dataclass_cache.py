"""pgshift.dataclass_cache: cached dataclass methods are the ones Python compiles, and the cache is safe to lose.

Each case runs in a fresh interpreter with the cache file pointed into tmp_path, because what is tested is
a file read at the first dataclass and written at exit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Modules whose dataclasses a generate defines (the model, the ops, the config, the journal).
MODULES = ("pgshift.model.schema", "pgshift.diff.kinds.table", "pgshift.config", "pgshift.folder.files")

# Prints each dataclass method's compiled code, as plain data, then what the cache did.
PROBE = """
import builtins, dataclasses, importlib, inspect, json, sys
import pgshift, pgshift.dataclass_cache as cache
cache.PATH = sys.argv[1]
if sys.argv[2] == "plain":  # no cache at all: dataclasses compiles every method itself
    del dataclasses.exec

def shape(code):
    return [code.co_name, code.co_code.hex(), code.co_names, code.co_varnames, code.co_freevars,
            code.co_cellvars, code.co_argcount, code.co_kwonlyargcount, code.co_flags,
            [shape(c) if inspect.iscode(c) else repr(c) for c in code.co_consts]]

@dataclasses.dataclass(frozen=True)
class Outsider:  # an application's dataclass: compiled as ever, never cached
    zz_outsider_field: int

methods = {}
for name in sys.argv[3:]:
    module = importlib.import_module(name)
    for cls in vars(module).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
            for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
                if method in cls.__dict__ and callable(cls.__dict__[method]):
                    methods[f"{name}.{cls.__qualname__}.{method}"] = shape(inspect.unwrap(cls.__dict__[method]).__code__)
print(json.dumps({"methods": methods, "compiled": cache._pid != 0, "used": len(cache._used)}))
"""


HEADER = f"{sys.version} -O0\n".encode()  # what a run without -O writes


def probe(path: Path, mode: str = "cached", *flags: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, *flags, "-c", PROBE, str(path), mode, *MODULES],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_cached_methods_are_the_compiled_ones(tmp_path: Path) -> None:
    path = tmp_path / "cache.marshal"
    first = probe(path)  # compiles, writes at exit
    assert first["compiled"] is True
    assert path.read_bytes().startswith(HEADER)
    second = probe(path)  # reads: nothing left to compile
    assert second["compiled"] is False
    assert second["used"] == first["used"] and isinstance(second["used"], int) and second["used"] > 100
    plain = probe(tmp_path / "unused.marshal", "plain")
    assert plain["methods"] == second["methods"] == first["methods"]
    assert len(plain["methods"]) > 300  # type: ignore[arg-type]
    assert not (tmp_path / "unused.marshal").exists()


def test_an_applications_dataclasses_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "cache.marshal"
    probe(path)
    assert b"zz_outsider_field" not in path.read_bytes()


def test_a_damaged_or_foreign_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "cache.marshal"
    reference = probe(tmp_path / "reference.marshal")
    for damaged in (b"", b"garbage", HEADER + b"\x00\x01", b"3.0.0 -O0\n" + b"x" * 100):
        path.write_bytes(damaged)
        again = probe(path)
        assert again["compiled"] is True
        assert again["methods"] == reference["methods"]
        assert probe(path)["compiled"] is False  # replaced by a whole cache


def test_nothing_is_written_when_bytecode_writing_is_off(tmp_path: Path) -> None:
    path = tmp_path / "cache.marshal"
    assert probe(path, "cached", "-B")["compiled"] is True
    assert not path.exists()


def test_code_compiled_with_another_optimize_level_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "cache.marshal"
    probe(path)
    assert probe(path, "cached", "-O")["compiled"] is True
    assert path.read_bytes().startswith(f"{sys.version} -O1\n".encode())
