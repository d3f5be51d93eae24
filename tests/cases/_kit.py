"""Short constructors for hand-built models in case files (before.py / after.py)."""

from dataclasses import replace  # noqa: F401  (re-exported for case files)

from pgshift.model.schema import (  # noqa: F401
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Identity,
    Index,
    IndexElement,
    Policy,
    Partition,
    PrimaryKey,
    Sequence,
    SequenceOptions,
    Table,
    UniqueConstraint,
    View,
    build_model,
)
from pgshift.model.types import SqlType


def col(name, type_, *, nn=False, default=None, enum_schema=None, **kw):
    return Column(name, SqlType.of(type_, enum_schema), not_null=nn, default=default, **kw)


def table(name, *columns, schema="public", pk=None, pk_name=None, fks=(), uniques=(), checks=(), indexes=(),
          policies=(), rls=False, comment=None):
    primary_key = PrimaryKey(pk_name or f"{name}_pkey", tuple(pk)) if pk else None
    return Table(schema=schema, name=name, columns=tuple(columns), primary_key=primary_key,
                 foreign_keys=tuple(fks), unique_constraints=tuple(uniques), check_constraints=tuple(checks),
                 indexes=tuple(indexes), policies=tuple(policies), rls_enabled=rls, comment=comment)


def fk(name, columns, ref_table, ref_columns, *, ref_schema="public", **kw):
    return ForeignKey(name, tuple(columns), ref_schema, ref_table, tuple(ref_columns), **kw)


def index(name, *columns, **kw):
    elements = tuple(c if isinstance(c, IndexElement) else IndexElement(c) for c in columns)
    return Index(name, elements, **kw)


def model(*tables, enums=(), sequences=(), schemas=(), views=()):
    return build_model(tables=tables, enums=enums, sequences=sequences, schemas=schemas, views=views)


def users(*extra, **kw):
    """The usual starting table: users(id serial pk, email varchar(255) not null, name text)."""
    return table("users", col("id", "serial", nn=True), col("email", "varchar(255)", nn=True), col("name", "text"),
                 *extra, pk=["id"], **kw)
