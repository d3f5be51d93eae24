"""``pgshift rebase``: after merging branches, regenerate the later branch's migration on top of the other."""

from __future__ import annotations

from pathlib import Path

import click

from pgshift.commands._common import config_options
from pgshift.config import Config


@click.command("rebase")
@click.option("--force", is_flag=True, help="Rebase even a hand-edited migration (its edits are lost).")
@click.option(
    "--snapshot",
    "snapshot_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The later migration's own snapshot, when both branches wrote the same meta/NNNN_snapshot.json.",
)
@config_options
def command(config: Config, force: bool, snapshot_file: Path | None) -> int:
    """Fix a branch collision: two migrations generated in parallel on the same parent.

    Keeps the first (journal order), removes the later one and writes it again, from its schema
    changes, as the newest migration on top of the first. Refuses a migration edited by hand unless
    --force. Run `pgshift check` afterwards.
    """
    from pgshift.api.rebase import rebase
    from pgshift.commands._common import err, relpath

    result = rebase(config.out_dir, prefix=config.prefix, force=force, snapshot_file=snapshot_file)
    c = result.collision
    err(f"{c.kept.tag} and {c.moved.tag} were both generated on snapshot {c.parent}")
    for path in result.removed:
        err(f"  removed {relpath(path)}")
    for path in result.written:
        err(f"  wrote   {relpath(path)}")
    err(f"{c.moved.tag} is now {result.tag}, on top of {c.kept.tag}'s branch.")
    click.echo(result.sql, nl=False)
    return 0
