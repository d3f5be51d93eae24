"""``pgshift export``: the SQL that creates the whole current schema from nothing."""

from __future__ import annotations

import click

from pgshift.commands._common import config_options


@click.command("export")
@config_options
def command(config) -> int:  # type: ignore[no-untyped-def]
    """Print the SQL creating the schema code's whole schema on an empty database (no database needed).

    Useful to review the full schema, to seed a test database, or to compare with another tool.
    """
    from pgshift.api.generate import load_schema_model
    from pgshift.diff.differ import diff
    from pgshift.diff.render import migration_sql
    from pgshift.model.schema import Model

    model = load_schema_model(config)
    text = migration_sql(diff(Model(), model))
    if text:
        click.echo(text)
    return 0
