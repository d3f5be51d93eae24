"""pgshift.forked and push's catalog read in a forked child (while the schema code loads).

The child's model must be the one an in-process read gives, on databases nobody here designed; a child
that fails or is killed must leave the parent to read for itself (so errors come out as they always
did), and no child may be left behind."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from pgshift import forked
from pgshift.api.managed import Unmanaged, unmanaged_in_database
from pgshift.api.push import _load_beside_read, read_database
from pgshift.config import Config
from pgshift.model.schema import Model
from tests.corpus_db import load_corpus

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")

SCHEMA = """
from sqlalchemy import Column, Integer, MetaData, Table

metadata = MetaData()
Table("t", metadata, Column("id", Integer, primary_key=True))
"""


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_value_comes_back_and_the_child_is_reaped() -> None:
    child = forked.start(lambda: {"tables": list(range(100_000))})  # more than a pipe holds
    assert child is not None
    assert child.result() == {"tables": list(range(100_000))}
    assert _no_children_left()


def test_a_child_that_raises_or_is_killed_gives_none() -> None:
    def boom() -> int:
        raise RuntimeError("in the child")

    failing = forked.start(boom)
    assert failing is not None and failing.result() is None

    slow = forked.start(lambda: time.sleep(30))
    assert slow is not None
    started = time.monotonic()
    slow.cancel()
    assert time.monotonic() - started < 5 and slow.result() is None
    assert _no_children_left()


def test_no_fork_beside_another_thread() -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forked.start(lambda: 1) is None
    finally:
        stop.set()
        other.join()
    child = forked.start(lambda: 1)
    assert child is not None and child.result() == 1


@pytest.mark.parametrize("corpus", ["pagila", "pgdump"])
def test_the_forked_read_equals_the_in_process_read(
    corpus: str, make_db: Callable[[], str], tmp_path: Path
) -> None:
    url = load_corpus(make_db, corpus)
    (tmp_path / "code.py").write_text(SCHEMA)
    config = Config(root=tmp_path, schema="code.py:metadata")
    with psycopg.connect(url, autocommit=True) as conn:
        expected = read_database(conn, config, Model(), url)
        left_alone = unmanaged_in_database(conn, ["public"])
        target, read = _load_beside_read(lambda: conn, config, url, [])
    assert [t.name for t in target.tables] == ["t"]
    assert read.actual == expected and read.actual != Model()  # (pgdump: only its public schema is in scope)
    assert read.scope == ("public",) and read.unmanaged == left_alone
    assert _no_children_left()


def test_a_child_that_cannot_read_leaves_the_read_to_the_parent(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child connects to another URL than the parent's connection: it fails, the parent reads."""
    (tmp_path / "code.py").write_text(SCHEMA)
    config = Config(root=tmp_path, schema="code.py:metadata")
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE here (id int)")
        conn.execute("CREATE OPERATOR FAMILY here_family USING btree")  # a kind push leaves alone
        _, read = _load_beside_read(lambda: conn, config, "postgresql://nobody@127.0.0.1:1/none", [])
    assert [t.name for t in read.actual.tables] == ["here"]
    assert read.unmanaged == (Unmanaged("operator family", "public.here_family"),)
    assert _no_children_left()


def test_beside_another_thread_push_reads_in_a_thread_of_its_own(db_url: str, tmp_path: Path) -> None:
    """Where no child may be forked (another thread runs: an application server, a test runner), the
    catalog is read in a thread beside the code load, on push's own connection: the same read."""
    (tmp_path / "code.py").write_text(SCHEMA)
    config = Config(root=tmp_path, schema="code.py:metadata")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE here (id int); CREATE OPERATOR FAMILY here_family USING btree")
            expected = read_database(conn, config, Model(), db_url)
            target, read = _load_beside_read(lambda: conn, config, db_url, [])
            version = conn.info.server_version
    finally:
        stop.set()
        other.join()
    assert [t.name for t in target.tables] == ["t"]
    assert read.actual == expected and read.server_version == version
    assert read.unmanaged == (Unmanaged("operator family", "public.here_family"),)
    assert _no_children_left()
