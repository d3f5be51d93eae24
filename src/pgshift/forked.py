"""A call run in a forked child process, its result sent back pickled: work done on the other core.

Why not a thread: the work this serves (reading a 1,000-table catalog into a model while the user's
SQLAlchemy code loads, both pure Python) only alternates on the GIL in threads; a thread read took
longer than the whole code load and slowed it. A forked child runs it truly beside the parent.

The contract is deliberately narrow, so the parent never depends on the child:

- ``result()`` gives the call's value, or ``None`` when the child could not deliver it (it raised, was
  killed, its result does not pickle). The caller then does the work itself, in-process, and any
  error comes out there exactly as it would have without the child.
- The child never runs the parent's cleanup: it leaves through ``os._exit``, so an inherited database
  connection is not closed (nor a Terminate sent on it) and no atexit handler runs twice.
- The child is always reaped (``result()``, or ``cancel()`` when the parent gives up).

Only on Linux and only from a process with one thread: fork without exec is unsafe on macOS (system
frameworks) and absent on Windows, and a child forked beside another thread may inherit a lock that
thread holds; there ``start`` returns None and the caller keeps its thread or sequential path.

``start_fed`` also gives the child its input as the parent makes it (``feed``), so the child works on
the first part while the parent makes the rest: generate's child parses the migration as it is being
rendered. Messages on both kinds of pipe are framed by ``send`` / ``receive`` (the lint pool's too).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import Generic, TypeVar

from pgshift import dataclass_cache

_T = TypeVar("_T")


class Forked(Generic[_T]):
    """A child process computing one value (see the module docstring)."""

    def __init__(self, pid: int, reader: int, feeder: int | None = None) -> None:
        self._pid, self._reader, self._feeder = pid, reader, feeder
        self._done = False
        self._status = (pid, 0)

    def feed(self, data: bytes) -> None:
        """Send the child (``start_fed``) one more message of its input. A child that has gone (it
        failed) reads no more: what it was sent is dropped, and ``result()`` says None."""
        if self._feeder is None:
            return
        try:
            send(self._feeder, data)
        except BrokenPipeError:
            self.end_input()

    def end_input(self) -> None:
        """Tell the child (``start_fed``) its input is complete: its ``messages`` end. ``result()`` does
        it too, but a child that works on its whole input after the last part should be told at once."""
        if self._feeder is not None:
            os.close(self._feeder)
            self._feeder = None

    def result(self) -> _T | None:
        """The value, once the child has sent it; None when it could not. Ends the child's input."""
        self.end_input()
        if self._done:
            return None
        chunks = []
        value: _T | None = None
        try:
            while chunk := os.read(self._reader, 1 << 20):
                chunks.append(chunk)
            # Read while the child is still being torn down (it closed its pipe first): a child that
            # grew large takes a few ms to go, which ``_finish`` then waits for.
            with contextlib.suppress(Exception):  # a half-written result: the caller reads for itself
                value = pickle.loads(b"".join(chunks)) if chunks else None
        finally:
            self._finish()
        _, status = self._status
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        return value

    def cancel(self) -> None:
        """Stop the child (the parent gave up waiting: an error, Ctrl+C) and reap it."""
        if not self._done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._finish()

    def _finish(self) -> None:
        self.end_input()
        os.close(self._reader)
        self._status = os.waitpid(self._pid, 0)
        self._done = True


def start(call: Callable[[], _T]) -> Forked[_T] | None:
    """``call()`` started in a forked child; None where forking is not used: not Linux, or another
    thread runs (the child would inherit whatever locks it holds, and could wait on them forever)."""
    return _start(lambda _input: call(), fed=False)


def start_fed(call: Callable[[Iterator[bytes]], _T]) -> Forked[_T] | None:
    """``call(messages)`` started in a forked child, ``messages`` being what the parent ``feed``s, in
    order, until its ``result()`` (None where forking is not used, as for ``start``)."""
    return _start(call, fed=True)


def _start(call: Callable[[Iterator[bytes]], _T], *, fed: bool) -> Forked[_T] | None:
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    reader, writer = os.pipe()
    _widen(writer)
    inlet, feeder = os.pipe() if fed else (-1, None)
    if feeder is not None:
        _widen(feeder)
    pid = os.fork()
    if pid:
        os.close(writer)
        if feeder is not None:
            os.close(inlet)
        return Forked(pid, reader, feeder)
    code = 1
    try:  # the child: never returns to the caller
        os.close(reader)
        if feeder is not None:
            os.close(feeder)
        messages = iter(partial(receive, inlet), None) if fed else iter(())
        _write_all(writer, pickle.dumps(call(messages), protocol=pickle.HIGHEST_PROTOCOL))
        os.close(writer)  # the parent reads its end now, not once this process is torn down
        code = 0
        dataclass_cache.write()  # (only when this child compiled a dataclass the cache lacked)
    except BaseException:  # the parent reads for itself and reports what happens there
        pass
    finally:
        os._exit(code)


def _widen(fd: int) -> None:
    """Give the pipe Linux's largest default buffer (1 MiB, against 64 KiB): the writer then rarely
    waits for the reader (a 1,000-table migration is 0.75 MB; its findings, pickled, 0.46 MB)."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):  # (a lower limit set, or not Linux's fcntl)
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


def send(fd: int, data: bytes) -> None:
    """One message: its length (8 bytes), then its bytes."""
    _write_all(fd, len(data).to_bytes(8, "little") + data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def receive(fd: int) -> bytes | None:
    """The next message, or None when the pipe ended first (the sender finished, or died)."""
    head = _read_exactly(fd, 8)
    return None if head is None else _read_exactly(fd, int.from_bytes(head, "little"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
