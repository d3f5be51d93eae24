"""Lint a migration folder (each journal entry against the snapshot before it) or loose .sql files.

Hand-written or generated? A migration counts as pgshift/drizzle-kit GENERATED when it has a
``.down.sql`` beside it (only pgshift's generator writes one) or when its snapshot's schema differs from
the previous entry's (the generator wrote the SQL from that difference). A journal entry whose snapshot
equals its predecessor's is what ``drizzle-kit generate --custom`` / ``pgshift generate --custom``
produce: SQL typed by a person. Loose files outside a journal are treated as hand-written.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pgshift.errors import FolderError
from pgshift.folder import files as fs
from pgshift.folder.migration_folder import MigrationFolder
from pgshift.forked import receive, send
from pgshift.gcpause import pausing_gc
from pgshift.lint.engine import lint_text
from pgshift.lint.finding import Finding, finding_from_row

_VOLATILE_KEYS = ("id", "prevId", "_meta")


def _schema_part(snapshot: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (snapshot or {}).items() if k not in _VOLATILE_KEYS}


def is_hand_written(
    migration_has_down: bool, snapshot: dict[str, Any] | None, previous: dict[str, Any] | None
) -> bool:
    """The heuristic of the module docstring."""
    if migration_has_down:
        return False
    if snapshot is None:
        return True
    empty: dict[str, dict[str, Any]] = {
        "tables": {},
        "enums": {},
        "schemas": {},
        "sequences": {},
        "views": {},
        "policies": {},
        "roles": {},
    }
    before = _schema_part(previous) if previous else None
    after = _schema_part(snapshot)
    if before is None:
        return all(not after.get(k) for k in empty)
    return before == after


def load_snapshot(path: Path) -> dict[str, Any] | None:
    """A snapshot's JSON, or None when missing or unreadable (integrity reports those)."""
    return MigrationFolder(path.parent.parent).snapshot_data_or_none(path)


@dataclass(frozen=True)
class Job:
    """One file to lint, described by paths only (cheap to send to a worker process)."""

    path: Path
    display: str
    snapshot: Path | None = None  # this migration's snapshot (None: not a journal migration)
    previous: Path | None = None  # the snapshot before it
    has_down: bool = False
    breakpoints: bool = True


def run_job(job: Job, config_severity: dict[str, str] | None = None) -> list[Finding]:
    """Lint one job: read the file and its snapshots, decide hand-written, lint."""
    try:
        sql = fs.read_text(job.path)
    except (OSError, fs.FolderError) as exc:
        reason = (
            exc.message
            if isinstance(exc, fs.FolderError)
            else f"{job.path.name} cannot be read: {exc.strerror}"
        )
        return [Finding("syntax-error", "error", reason, job.display,
                        fix="save the file as UTF-8 text")]  # fmt: skip
    if job.snapshot is None:
        return lint_text(sql, path=job.display, config_severity=config_severity, hand_written=True,
                         breakpoints=job.breakpoints)  # fmt: skip
    snapshot = load_snapshot(job.snapshot)
    previous = load_snapshot(job.previous) if job.previous is not None else None
    return lint_text(
        sql,
        path=job.display,
        previous_snapshot=previous,
        config_severity=config_severity,
        hand_written=is_hand_written(job.has_down, snapshot, previous),
        breakpoints=job.breakpoints,
    )


PARALLEL_FROM = 100  # files; below this a second process costs more than it saves


@pausing_gc
def run_jobs(jobs: list[Job], config_severity: dict[str, str] | None = None) -> list[Finding]:
    """Lint every job, in order; across processes (fork) when there are many files and several CPUs.

    The jobs are cut into one contiguous share per CPU, of about equal bytes. Forked children lint all
    shares but the first, which this process lints meanwhile instead of waiting: a worker pool would
    leave it idle and send every finding across a pipe, and that traffic and the extra process cost
    more CPU than the linting they spread.

    The cyclic garbage collector is paused meanwhile: linting allocates about a million short-lived
    dicts and lists (the parse trees) and tens of thousands of findings, none of them in a cycle. At
    Python's default thresholds (the API, ``pgshift studio``) each collection rescanned them and every
    imported module's objects: a sixth of the linting time (the CLI runs without it: pgshift.gcpause).
    Refcounting frees the trees as before; a cycle made meanwhile waits for the next collection.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
        return _lint_share(jobs, config_severity)
    first, *rest = _shares(jobs, workers)
    children: list[_Child] = []
    try:
        for share in rest:
            children.append(_fork(share, config_severity))
        findings = []
        for job in first:
            findings += run_job(job, config_severity)
            for child in children:  # what the children sent meanwhile, read while they lint on
                child.take(wait=False)
        for child in children:
            findings += child.collect(config_severity)
    except BaseException:
        for child in children:
            child.stop()
        raise
    return findings


def _fork(share: list[Job], config_severity: dict[str, str] | None) -> _Child:
    """A child process forked to lint ``share``, sending its findings up a pipe.

    Plain ``os.fork`` rather than ``multiprocessing``: importing and starting that costs 15-25 ms
    before the first file is linted, and nothing of it is used but a fork and a pipe.
    """
    import select

    read, write = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # else text buffered here would be written twice
        with suppress(AttributeError, OSError, ValueError):
            stream.flush()
    pid = os.fork()
    if pid == 0:  # the child: lint, send, end (never return into the caller's code)
        code = 0
        try:
            os.close(read)
            _child(share, config_severity, write)
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    os.close(write)  # the child holds its own end: a crashed child then reads as end-of-file here
    poller = select.poll()
    poller.register(read, select.POLLIN)
    return _Child(share, read, pid, poller)


def _lint_share(jobs: list[Job], config_severity: dict[str, str] | None) -> list[Finding]:
    return [f for job in jobs for f in run_job(job, config_severity)]


def _shares(jobs: list[Job], count: int) -> list[list[Job]]:
    """``jobs`` cut, in order, into ``count`` runs of about equal bytes (one large initial migration
    must not leave the other processes waiting)."""
    sizes = []
    for job in jobs:
        try:
            sizes.append(job.path.stat().st_size + 1)
        except OSError:
            sizes.append(1)  # unreadable: run_job reports it, at no cost
    per_share = sum(sizes) / count
    shares: list[list[Job]] = [[] for _ in range(count)]
    done = 0
    for job, size in zip(jobs, sizes, strict=True):
        shares[min(int(done // per_share), count - 1)].append(job)
        done += size
    return [share for share in shares if share]


BATCH = 50  # files a child lints between two messages


def _child(jobs: list[Job], config_severity: dict[str, str] | None, write: int) -> None:
    """A forked child's work: its share's findings as plain tuples through the pipe ``write``, every
    ``BATCH`` files (so the parent reads and rebuilds them while both still lint, instead of after),
    then an empty message for "done". ``marshal`` reads and writes tuples of strings, numbers and None
    several times faster than pickle does (both ends are this same interpreter)."""
    rows: list[tuple[Any, ...]] = []
    for number, job in enumerate(jobs, start=1):
        rows += [tuple(vars(f).values()) for f in run_job(job, config_severity)]
        if number % BATCH == 0 or number == len(jobs):
            send(write, marshal.dumps(rows))
            rows = []
    send(write, b"")
    os.close(write)


@dataclass
class _Child:
    """A forked child, its share of the jobs, and the findings it has sent so far."""

    share: list[Job]
    read: int  # the read end of its pipe
    pid: int
    poller: Any  # ``select.poll`` on ``read``
    findings: list[Finding] = field(default_factory=list)
    done: bool = False  # its "done" message came
    lost: bool = False  # it died before sending it
    ended: bool = False  # its pipe is closed and the process reaped

    def take(self, *, wait: bool) -> None:
        """Read the messages it has sent (with ``wait``: until its "done", or its end)."""
        while not (self.done or self.lost) and (wait or self.poller.poll(0)):
            data = receive(self.read)
            if data is None:
                self.lost = True
            elif not data:
                self.done = True
            else:
                self.findings += [finding_from_row(row) for row in marshal.loads(data)]

    def collect(self, config_severity: dict[str, str] | None) -> list[Finding]:
        """All its findings; when it died before it was done (killed, out of memory), its whole share is
        linted here instead, so that no file goes unchecked."""
        try:
            self.take(wait=True)
        finally:
            self.ended = True
            os.close(self.read)
            os.waitpid(self.pid, 0)
        if not self.done:
            return _lint_share(self.share, config_severity)
        return self.findings

    def stop(self) -> None:
        """End it early (this process is failing or interrupted): no orphan lints on."""
        if self.ended:
            return
        self.ended = True
        with suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with suppress(OSError):
            os.close(self.read)
        with suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def folder_jobs(folder: Path, display: str | None = None) -> list[Job]:
    """One job per journal migration whose SQL file exists, with the previous existing snapshot."""
    try:
        journal = MigrationFolder(folder).journal()
    except fs.FolderError:
        return []
    shown = display if display is not None else str(folder)
    jobs = []
    previous: Path | None = None
    for entry in journal.entries:
        snapshot = fs.snapshot_path(folder, entry)
        path = fs.sql_path(folder, entry.tag)
        if path.exists():
            jobs.append(Job(path, f"{shown}/{path.name}", snapshot, previous,
                            fs.down_path(folder, entry.tag).exists(), entry.breakpoints))  # fmt: skip
        if snapshot.exists():
            previous = snapshot
    return jobs


def lint_folder(
    folder: Path, *, config_severity: dict[str, str] | None = None, display: str | None = None
) -> list[Finding]:
    """Lint every journal migration with the previous entry's snapshot as "before".

    Journal or file problems are not raised here: ``pgshift.integrity`` reports them; entries that
    cannot be read are skipped.
    """
    return run_jobs(folder_jobs(folder, display), config_severity)


def journal_folder_of(path: Path) -> Path | None:
    """The migration folder holding ``path`` (its parent has meta/_journal.json), if any."""
    parent = path.parent
    return parent if fs.journal_path(parent).exists() else None


def lint_file(
    path: Path, *, config_severity: dict[str, str] | None = None, display: str | None = None
) -> list[Finding]:
    """One .sql file; inside a migration folder it gets its journal context (previous snapshot)."""
    shown = display if display is not None else str(path)
    folder = journal_folder_of(path)
    if folder is not None and not path.name.endswith(fs.DOWN_SUFFIX):
        try:
            entries = fs.read_journal(folder).entries
        except FolderError:
            entries = ()
        tags = [e.tag for e in entries]
        tag = path.name.removesuffix(".sql")
        if tag in tags:
            position = tags.index(tag)
            entry = entries[position]
            previous_path = fs.snapshot_path(folder, entries[position - 1]) if position else None
            job = Job(path, shown, fs.snapshot_path(folder, entry), previous_path,
                      fs.down_path(folder, tag).exists(), entry.breakpoints)  # fmt: skip
            return run_job(job, config_severity)
    return run_job(Job(path, shown), config_severity)
