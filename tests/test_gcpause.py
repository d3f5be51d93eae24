"""The cyclic collector is paused while pgshift builds large object graphs (pgshift.gcpause).

The command line runs with it off (a short run whose objects all live to the end); library callers get
it back as they had it, also when the build fails; the one long-lived command, studio, turns it on.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pgshift.api.generate import load_schema_model
from pgshift.config import Config
from pgshift.errors import SchemaLoadError
from pgshift.gcpause import gc_paused

SCHEMA = """
import gc
from sqlalchemy import Column, Integer, MetaData, Table

COLLECTOR_ON_WHILE_LOADING = gc.isenabled()
metadata = MetaData()
Table("t", metadata, Column("id", Integer, primary_key=True))
"""


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_restored_after_even_on_error(collector_on: None) -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_schema_code_loads_with_the_collector_paused(tmp_path: Path, collector_on: None) -> None:
    (tmp_path / "gc_probe_schema.py").write_text(SCHEMA)
    model = load_schema_model(Config(root=tmp_path, schema="gc_probe_schema.py:metadata"))
    assert [t.name for t in model.tables] == ["t"]
    assert sys.modules["gc_probe_schema"].COLLECTOR_ON_WHILE_LOADING is False
    assert gc.isenabled()  # a library caller gets its collector back


def test_a_failing_schema_gives_the_collector_back(tmp_path: Path, collector_on: None) -> None:
    (tmp_path / "gc_broken_schema.py").write_text("raise RuntimeError('broken on purpose')\n")
    with pytest.raises(SchemaLoadError):
        load_schema_model(Config(root=tmp_path, schema="gc_broken_schema.py:metadata"))
    assert gc.isenabled()


def test_the_command_line_runs_with_the_collector_off(tmp_path: Path) -> None:
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('collector on:', gc.isenabled()))\n"
        "from pgshift.cli import main\n"
        "main(['--version'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "collector on: False" in proc.stdout
