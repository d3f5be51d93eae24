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
    """The console script leaves it off to its end; ``main()`` called in-process gives it back."""
    probe = (
        "import atexit, gc, sys\n"
        "from pgshift import cli\n"
        "seen = []\n"
        "real = cli._main\n"
        "cli._main = lambda argv: seen.append(gc.isenabled()) or real(argv)\n"
        "try:\n"
        "    cli.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('in-process: during', seen, 'after', gc.isenabled())\n"
        "atexit.register(lambda: print('script: during', seen[1:], 'at exit', gc.isenabled()))\n"
        "sys.argv = ['pgshift', '--version']\n"
        "cli.run()\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "in-process: during [False] after True" in proc.stdout
    assert "script: during [False] at exit False" in proc.stdout


def test_the_console_script_exits_fast_with_the_same_code_output_and_atexit_work(tmp_path: Path) -> None:
    """``run`` skips the interpreter's teardown (os._exit) but keeps what teardown is for: atexit
    handlers run, the streams are flushed into a pipe, and the exit code is main()'s."""
    probe = (
        "import atexit, sys\n"
        "from pathlib import Path\n"
        "from pgshift import cli\n"
        "atexit.register(lambda: Path('atexit-ran').write_text('yes'))\n"
        "sys.argv = ['pgshift', *sys.argv[1:]]\n"
        "print('before the command')\n"
        "cli.run()\n"
        "print('never reached')\n"
    )
    ok = subprocess.run(
        [sys.executable, "-c", probe, "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("before the command\npgshift, version ")
    assert "never reached" not in ok.stdout
    assert (tmp_path / "atexit-ran").read_text() == "yes"
    (tmp_path / "atexit-ran").unlink()
    bad = subprocess.run(
        [sys.executable, "-c", probe, "frobnicate"], capture_output=True, text=True, cwd=tmp_path
    )
    assert bad.returncode == 2 and "No such command 'frobnicate'" in bad.stderr
    assert (tmp_path / "atexit-ran").read_text() == "yes"
