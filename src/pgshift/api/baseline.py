"""``baseline``: adopt an existing database by recording migrations as applied without running them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pgshift.api._common import ConfigLike, as_config, require_url
from pgshift.runner.options import tracking_table
from pgshift.runner.plan import PlanEntry


@dataclass(frozen=True)
class BaselineResult:
    """The migrations recorded as applied (journal order); empty when everything already was."""

    recorded: tuple[str, ...]


def baseline(
    url: str | None = None,
    *,
    config: ConfigLike = None,
    to: str | None = None,
    confirm: Callable[[list[PlanEntry]], bool] | None = None,
    lock_wait: float | None = 300.0,
) -> BaselineResult:
    """Record the pending migrations (up to and including ``to``) as applied, under the migration lock.

    ``confirm`` sees the entries about to be recorded and returns whether to go on.
    """
    from pgshift.runner import run as runner

    cfg = as_config(config)
    target = require_url(url, cfg, "baseline")
    recorded = runner.baseline(
        target, cfg.out_dir, tracking_table(cfg), to=to, confirm=confirm, lock_wait=lock_wait
    )
    return BaselineResult(tuple(e.tag for e in recorded))
