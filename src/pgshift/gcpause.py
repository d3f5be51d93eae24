"""The cyclic garbage collector, paused while pgshift builds a large object graph that stays alive.

Loading a 1,000-table schema (the user's SQLAlchemy tables, then the model), reading a 3 MB snapshot or
the catalog allocates hundreds of thousands of container objects that all survive: each pass of the
collector rescans that growing heap and finds almost nothing to free (reference counting frees the
rest). Measured on bench/generate's schema, Python's default thresholds spend ~0.5 s of a 1.4 s load in
the collector; raising the thresholds saves little, pausing saves all of it.

The command line turns the collector off for its whole (short) run (``pgshift.cli.main``) and back on
for the one long-lived command, ``studio``. Library callers keep their collector: the functions below
pause it only for the call and restore the state they found.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector's state is restored after it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pausing_gc(build: Callable[_P, _R]) -> Callable[_P, _R]:
    """``build`` run with the collector paused (``gc_paused``)."""

    @functools.wraps(build)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with gc_paused():
            return build(*args, **kwargs)

    return paused
