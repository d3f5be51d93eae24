"""The advisory lock that makes every migration run exactly once, however many runners start.

Session-level ``pg_try_advisory_lock`` polled from outside any transaction, not a blocking
``pg_advisory_lock`` or a transaction-level lock: a waiter blocked inside a transaction would hold a
snapshot that a ``CREATE INDEX CONCURRENTLY`` run by the holder waits for, a deadlock neither side
reports. Session-level also means the lock dies with the session, so a killed runner frees it.
The key is derived from the tracking table's name, so two projects with separate tracking tables
in one database do not wait for each other.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg

from pgshift.catalog import load
from pgshift.errors import PgshiftError


class LockWaitTimeout(PgshiftError):
    """Another session held the migration lock for longer than --lock-wait."""


@dataclass(frozen=True)
class LockHolder:
    pid: int
    application_name: str
    client_addr: str | None
    backend_start: Any
    state: str | None
    state_change: Any
    query: str | None

    def describe(self) -> str:
        app = self.application_name or "(no application_name)"
        since = self.backend_start.isoformat(timespec="seconds") if self.backend_start else "?"
        where = f" from {self.client_addr}" if self.client_addr else ""
        changed = self.state_change.isoformat(timespec="seconds") if self.state_change else "?"
        return (
            f"pid {self.pid}, application {app!r}{where}, connected since {since}, "
            f"{self.state or 'state unknown'} since {changed}"
        )


def lock_key(schema: str, table: str) -> int:
    """A signed 64-bit key, stable across versions and machines, from the tracking table's name."""
    digest = hashlib.sha256(f"pgshift-migrate:{schema}.{table}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _key_words(key: int) -> tuple[int, int]:
    """How pg_locks shows a bigint advisory key: (classid, objid) = (high, low) 32-bit words, unsigned."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    return unsigned >> 32, unsigned & 0xFFFFFFFF


def try_lock(conn: psycopg.Connection[Any], key: int) -> bool:
    row = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
    return bool(row and row[0])


def unlock(conn: psycopg.Connection[Any], key: int) -> None:
    if not conn.closed:
        conn.execute("SELECT pg_advisory_unlock(%s)", (key,))


def holder(conn: psycopg.Connection[Any], key: int) -> LockHolder | None:
    """The session holding ``key`` in this database, if any (needs pg_stat_activity visibility)."""
    classid, objid = _key_words(key)
    cur = conn.execute(load("advisory_lock_holder"), {"classid": classid, "objid": objid})
    row = cur.fetchone()
    if row is None:
        return None
    return LockHolder(*row)


def acquire(
    conn: psycopg.Connection[Any],
    key: int,
    *,
    wait: float | None,
    poll: float = 0.25,
    on_wait: Callable[[LockHolder | None], None] | None = None,
) -> float:
    """Take the lock, polling until ``wait`` seconds have passed (None: forever); seconds waited.

    ``on_wait`` is called once, when the first attempt fails, with the current holder, so the caller
    can say who it is waiting for.
    """
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise RuntimeError("the migration lock must be taken outside a transaction")
    start = time.monotonic()
    told = False
    while True:
        if try_lock(conn, key):
            return time.monotonic() - start
        if not told and on_wait is not None:
            on_wait(holder(conn, key))
            told = True
        waited = time.monotonic() - start
        if wait is not None and waited >= wait:
            who = holder(conn, key)
            raise LockWaitTimeout(
                f"another session holds the migration lock; gave up after waiting {waited:.1f}s",
                where=who.describe() if who else "the holder is not visible to this role (pg_stat_activity)",
                hint="wait for it to finish, or if it is stuck, end it with "
                f"SELECT pg_terminate_backend({who.pid if who else '<pid>'}); raise --lock-wait to wait longer",
            )
        time.sleep(min(poll, max(0.0, wait - waited)) if wait is not None else poll)


@contextlib.contextmanager
def advisory_lock(
    conn: psycopg.Connection[Any],
    key: int,
    *,
    wait: float | None,
    on_wait: Callable[[LockHolder | None], None] | None = None,
) -> Iterator[float]:
    """Hold the lock for the block; yields the seconds spent waiting for it."""
    waited = acquire(conn, key, wait=wait, on_wait=on_wait)
    try:
        yield waited
    finally:
        with contextlib.suppress(psycopg.Error):
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                conn.rollback()
            unlock(conn, key)
