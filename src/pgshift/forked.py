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
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_T = TypeVar("_T")


class Forked(Generic[_T]):
    """A child process computing one value (see the module docstring)."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid, self._reader = pid, reader
        self._done = False
        self._status = (pid, 0)

    def result(self) -> _T | None:
        """The value, once the child has sent it; None when it could not."""
        if self._done:
            return None
        chunks = []
        try:
            while chunk := os.read(self._reader, 1 << 20):
                chunks.append(chunk)
        finally:
            self._finish()
        data = b"".join(chunks)
        _, status = self._status
        if not data or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        try:
            value: _T = pickle.loads(data)
        except Exception:  # a half-written result: the caller reads for itself
            return None
        return value

    def cancel(self) -> None:
        """Stop the child (the parent gave up waiting: an error, Ctrl+C) and reap it."""
        if not self._done:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._finish()

    def _finish(self) -> None:
        os.close(self._reader)
        self._status = os.waitpid(self._pid, 0)
        self._done = True


def start(call: Callable[[], _T]) -> Forked[_T] | None:
    """``call()`` started in a forked child; None where forking is not used: not Linux, or another
    thread runs (the child would inherit whatever locks it holds, and could wait on them forever)."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return Forked(pid, reader)
    code = 1
    try:  # the child: never returns to the caller
        os.close(reader)
        data = pickle.dumps(call(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writer, view) :]
        code = 0
    except BaseException:  # the parent reads for itself and reports what happens there
        pass
    finally:
        os._exit(code)
