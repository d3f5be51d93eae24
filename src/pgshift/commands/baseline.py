"""``pgshift baseline``: adopt an existing database by recording migrations as applied without running them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import config_options, database_options, err, interactive
from pgshift.commands._run import print_json, require_yes
from pgshift.config import Config, Environment
from pgshift.errors import PgshiftError

if TYPE_CHECKING:
    from pgshift.runner.plan import PlanEntry


@click.command("baseline")
@click.option("--to", "to", metavar="TAG", help="Record migrations up to and including TAG (default: all).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (required without a terminal).")
@click.option(
    "--lock-wait",
    type=float,
    metavar="SECONDS",
    default=300.0,
    show_default=True,
    help="Seconds to wait for the lock.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result on stdout.")
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    to: str | None,
    yes: bool,
    lock_wait: float,
    as_json: bool,
) -> int:
    """Record pending migrations as applied WITHOUT running them.

    For a database whose schema already matches the migrations (created by hand, by another tool, or
    restored from a dump): lists which migrations it will record, asks, then writes the tracking rows.
    """
    from pgshift.api.baseline import baseline

    require_yes(environment, yes, "baseline")

    def confirm(todo: list[PlanEntry]) -> bool:
        err(f"recording {len(todo)} migration(s) as applied, without running them:")
        for entry in todo:
            err(f"  ✓ {entry.tag}")
        if yes:
            return True
        if not interactive():
            raise PgshiftError(
                "refusing to baseline without confirmation: there is no terminal to ask",
                hint="review the list above, then re-run with --yes",
            )
        return click.confirm("Record them as applied?", default=False, err=True)

    recorded = baseline(url, config=config, to=to, confirm=confirm, lock_wait=lock_wait).recorded
    if as_json:
        print_json({"ok": True, "recorded": list(recorded)})
    elif recorded:
        err(f"recorded {len(recorded)} migration(s) as applied")
    else:
        err("nothing to record: every migration is already applied")
    return 0
