"""``pgshift pull``: write SQLAlchemy schema code for an existing database."""

from __future__ import annotations

from pathlib import Path

import click

from pgshift.commands._common import config_options, database_options, err, relpath


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
    default="schema.py",
    show_default=True,
    help="The Python file to write.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@config_options
@database_options
def command(config, url, environment, style, output, force) -> int:  # type: ignore[no-untyped-def]
    """Read the database's schema and write it as SQLAlchemy code.

    Every constraint and index keeps its name, enums become Python enum classes, and loading the file
    gives back exactly the schema that was read. When the migration folder has no migrations yet, a
    baseline migration (0000_baseline: the SQL of the whole schema, its snapshot and journal entry) is
    written too, so `generate` continues from it; record it as applied on this database with
    `pgshift baseline`. Reads the schemas in `schema_filter` (default public).
    """
    from pgshift.codegen.sqlalchemy_code import render_core, render_orm, tidy
    from pgshift.errors import PgshiftError
    from pgshift.folder import files as fs
    from pgshift.folder.migration_folder import MigrationFolder
    from pgshift.runner.run import connect
    from pgshift.sources.introspect import introspect
    from pgshift.urls import mask_url

    target = Path(output).resolve()
    if target.exists() and not force:
        raise PgshiftError(
            f"{relpath(target)} exists", hint="pass --force to overwrite it, or --output elsewhere"
        )
    with connect(url) as conn:
        scope = config.introspect_scope()
        model = introspect(
            conn,
            schema_filter=scope.schemas,
            tables_filter=scope.tables_filter,
            exclude_tables=scope.exclude_tables,
            url=url,
        )
    render = render_orm if style == "orm" else render_core
    fs.write_text_atomic(target, tidy(render(model, source=mask_url(url))))
    err(f"wrote {relpath(target)}: {len(model.tables)} table(s), {len(model.enums)} enum(s)")
    folder = config.out_dir
    if not MigrationFolder(folder).journal().entries:
        tag = write_baseline(folder, model)
        err(
            f"wrote baseline migration {tag} in {relpath(folder)}; record it as applied here: pgshift baseline"
        )
    return 0


def write_baseline(folder: Path, model) -> str:  # type: ignore[no-untyped-def]
    """0000_baseline: the whole schema as a first migration, with its snapshot and journal entry."""
    from datetime import UTC, datetime

    from pgshift.diff.differ import diff
    from pgshift.diff.render import down_sql, migration_sql
    from pgshift.folder import files as fs
    from pgshift.folder.migration_folder import MigrationFolder
    from pgshift.model.schema import Model
    from pgshift.sources.snapshot import EMPTY_ID, model_to_snapshot, new_snapshot_id, snapshot_json

    ops = diff(Model(), model)
    tag = "0000_baseline"
    entry = fs.JournalEntry(
        idx=0, version=fs.JOURNAL_VERSION, when=int(datetime.now(UTC).timestamp() * 1000), tag=tag
    )
    MigrationFolder(folder).write_migration(
        fs.Journal(entries=(entry,)),
        entry,
        up=migration_sql(ops),
        down=down_sql(ops),
        snapshot=snapshot_json(model_to_snapshot(model, id=new_snapshot_id(), prev_id=EMPTY_ID)),
    )
    return tag
