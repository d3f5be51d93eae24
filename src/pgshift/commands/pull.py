"""``pgshift pull``: write SQLAlchemy schema code for an existing database (``pgshift.api.pull``)."""

from __future__ import annotations

from typing import Literal

import click

from pgshift.commands._common import config_options, database_options, err, relpath
from pgshift.config import Config, Environment


@click.command("pull")
@click.option(
    "--style",
    type=click.Choice(["orm", "core"]),
    default="orm",
    show_default=True,
    help="Declarative ORM classes, or Core Table objects.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="The Python file to write (default: schema.py next to the config file).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    style: Literal["orm", "core"],
    output: str | None,
    force: bool,
) -> int:
    """Read the database's schema and write it as SQLAlchemy code.

    Every constraint and index keeps its name, enums become Python enum classes, and loading the file
    gives back exactly the schema that was read. When the migration folder has no migrations yet, a
    baseline migration (0000_baseline: the SQL of the whole schema, its snapshot and journal entry) is
    written too, so `generate` continues from it; record it as applied on this database with
    `pgshift baseline`. Reads the schemas in `schema_filter` (default public).
    """
    from pgshift.api.pull import pull

    result = pull(url, config=config, output=output, style=style, force=force)
    err(f"wrote {relpath(result.path)}: {result.tables} table(s), {result.enums} enum(s)")
    if result.unmanaged:
        from pgshift.api.managed import describe_unmanaged

        err(describe_unmanaged(result.unmanaged))
    if result.baseline:
        err(
            f"wrote baseline migration {result.baseline} in {relpath(config.out_dir)}; "
            "record it as applied here: pgshift baseline"
        )
    return 0
