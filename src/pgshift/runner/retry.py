"""The runner's one retry loop: lock timeouts retried with exponential backoff, jitter and a bound.

A DDL statement waiting for its table lock makes every later query on that table queue behind it.
So each statement waits at most ``lock_timeout`` (short, 1 s by default), then gives up, sleeps a
backoff that doubles each time (with jitter, so many runners do not retry in step), and tries
again, at most ``retries`` times and ``retry_budget`` seconds of sleeping in all. While a statement
waits longer than half its lock_timeout, a second connection asks ``pg_blocking_pids`` who blocks
it, so every retry line and the final error name the blocking sessions and the command that would
end them.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg

from pgshift.catalog import load
from pgshift.pg.sqlstate import is_lock_timeout
from pgshift.runner.options import RunOptions

T = TypeVar("T")

_UNITS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0}


def seconds(duration: str | None) -> float | None:
    """A config duration ("1s", "500ms", "2min", "300") in seconds; a bare number is milliseconds."""
    if duration is None:
        return None
    text = duration.replace(" ", "").lower()
    for unit in sorted(_UNITS, key=len, reverse=True):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
            return float(text[: -len(unit)]) * _UNITS[unit]
    return float(text) / 1000 if text.replace(".", "", 1).isdigit() else None


@dataclass(frozen=True)
class BlockingSession:
    """A session holding a lock the runner waits for."""

    pid: int
    application_name: str
    state: str | None
    xact_age_s: float | None
    query: str

    def describe(self) -> str:
        app = self.application_name or "(no application_name)"
        age = f", transaction open {self.xact_age_s:.1f}s" if self.xact_age_s is not None else ""
        query = " ".join(self.query.split())
        return (
            f"pid {self.pid} ({app!r}, {self.state or 'state unknown'}{age}; last query: {query[:120]!r}); "
            f"end it with: SELECT pg_terminate_backend({self.pid});"
        )


def describe_blockers(blockers: tuple[BlockingSession, ...]) -> str:
    if not blockers:
        return "blocked by: (not seen; another session held the lock briefly)"
    return "blocked by: " + " | ".join(b.describe() for b in blockers)


class BlockerWatch:
    """Samples who blocks the runner's session while a statement waits (on a connection of its own).

    One daemon thread watches every block of a run, started with the first: a thread started and
    cancelled per block (``threading.Timer``) cost ~0.3 ms each, a tenth of pgshift's own CPU time when
    200 small migrations are applied."""

    def __init__(self, url: str | None, pid: int, delay: float) -> None:
        self.url = url
        self.pid = pid
        self.delay = delay
        self.last: tuple[BlockingSession, ...] = ()
        self._conn: psycopg.Connection[Any] | None = None
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._block = 0  # the block being watched (0: none); each block gets the next number
        self._blocks = 0
        self._started = 0.0  # when the block being watched began (time.monotonic)
        self._closed = False
        self._thread: threading.Thread | None = None

    def _sample(self) -> None:
        with self._lock, contextlib.suppress(psycopg.Error):
            if self._conn is None or self._conn.closed:
                if self.url is None:
                    return
                self._conn = psycopg.connect(
                    self.url, autocommit=True, application_name="pgshift-monitor", connect_timeout=5
                )
            rows = self._conn.execute(load("blocking_sessions"), {"pid": self.pid}).fetchall()
            if rows:
                self.last = tuple(BlockingSession(*row) for row in rows)

    def _watch(self) -> None:
        """Sample once per block that lasts longer than ``delay``, until closed."""
        while True:
            with self._cond:
                while not self._block and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                block, deadline = self._block, self._started + self.delay
                while self._block == block and not self._closed and (left := deadline - time.monotonic()) > 0:
                    self._cond.wait(left)
                due = self._block == block and not self._closed
            if not due:
                continue
            self._sample()
            with self._cond:  # once per block: wait for this one to end
                while self._block == block and not self._closed:
                    self._cond.wait()

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Sample once if the block runs longer than ``delay``."""
        if self.url is None:
            yield
            return
        with self._cond:
            self._blocks += 1
            self._block, self._started = self._blocks, time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="pgshift-blocker-watch", daemon=True)
                self._thread.start()
            self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._block = 0
                self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(psycopg.Error):
                    self._conn.close()
                self._conn = None


def backoff(options: RunOptions, attempt: int, rng: random.Random) -> float:
    """The sleep before retry ``attempt`` (1-based): doubling from retry_base, capped, jittered."""
    base = min(float(options.retry_max_delay), float(options.retry_base) * 2.0 ** (attempt - 1))
    jitter: float = rng.uniform(0.5, 1.0)
    return base * jitter


def with_lock_retries(
    action: Callable[[], T],
    *,
    options: RunOptions,
    watch: BlockerWatch,
    on_retry: Callable[[int, float, str], None],
    rng: random.Random | None = None,
) -> tuple[T, int]:
    """Run ``action``; on a lock timeout, back off and run it again. Returns its result and the retries.

    The last lock timeout is re-raised when ``retries`` or ``retry_budget`` is spent; ``watch.last``
    then names who blocked. ``action`` must be safe to repeat (a rolled-back transaction, or a
    statement that failed before doing anything).
    """
    pick = rng or random.Random()
    attempt = 0
    slept = 0.0
    while True:
        watch.last = ()
        try:
            with watch.watching():
                return action(), attempt
        except psycopg.Error as exc:
            if not is_lock_timeout(exc) or attempt >= options.retries or slept >= options.retry_budget:
                raise
            attempt += 1
            delay = min(backoff(options, attempt, pick), max(0.0, options.retry_budget - slept))
            on_retry(attempt, delay, describe_blockers(watch.last))
            time.sleep(delay)
            slept += delay
