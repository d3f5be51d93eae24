"""SQL text assembly: DDL fragments in Drizzle Kit 0.31's style, and whole migration files.

Operations (pgshift.operations) decide WHAT to emit; this module decides how it is spelled, so the
spelling is one place: always quoted and schema-qualified names, tab-indented CREATE TABLE bodies,
explicitly named constraints, lower-case referential actions (``ON DELETE cascade``) as drizzle-kit
writes them. Output is a pure function of the model objects, so the same inputs give byte-identical
files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pgshift.format.drizzle import BREAKPOINT
from pgshift.format.headers import IRREVERSIBLE
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    ExcludeConstraint,
    ForeignKey,
    Identity,
    Index,
    Partition,
    Policy,
    PrimaryKey,
    SequenceOptions,
    Table,
    UniqueConstraint,
)
from pgshift.model.types import qualified_name, quote_ident, quote_literal, type_sql
from pgshift.pg.naming import owned_sequence_name

if TYPE_CHECKING:
    from pgshift.diff.operations import Operation

Constraint = PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey | ExcludeConstraint


def idents(names: Iterable[str]) -> str:
    return ", ".join(quote_ident(n) for n in names)


def packed_idents(names: Iterable[str]) -> str:
    """Drizzle writes constraint column lists without a space after the comma: ``("a","b")``."""
    return ",".join(quote_ident(n) for n in names)


def sequence_options_sql(options: SequenceOptions, *, data_type: str | None = None) -> str:
    """``AS bigint INCREMENT BY 1 MINVALUE 1 ...``; options left at None are not written."""
    parts = []
    if data_type:
        parts.append(f"AS {data_type}")
    if options.increment is not None:
        parts.append(f"INCREMENT BY {options.increment}")
    if options.min_value is not None:
        parts.append(f"MINVALUE {options.min_value}")
    if options.max_value is not None:
        parts.append(f"MAXVALUE {options.max_value}")
    if options.start_with is not None:
        parts.append(f"START WITH {options.start_with}")
    if options.cache is not None:
        parts.append(f"CACHE {options.cache}")
    if options.cycle:
        parts.append("CYCLE")
    return " ".join(parts)


def identity_sequence_name(schema: str, table: str, column: str, identity: Identity) -> str:
    return qualified_name(schema, identity.sequence_name or owned_sequence_name(table, column))


def identity_sql(schema: str, table: str, column: str, identity: Identity) -> str:
    kind = "ALWAYS" if identity.kind == "always" else "BY DEFAULT"
    options = sequence_options_sql(identity.options)
    inner = f"sequence name {identity_sequence_name(schema, table, column, identity)}"
    if options:
        inner += " " + options
    return f"GENERATED {kind} AS IDENTITY ({inner})"


def column_type_sql(column: Column) -> str:
    return type_sql(column.type, column.type_schema)


def column_sql(table: Table, column: Column, *, inline_pk: bool = False) -> str:
    """One column definition, as in CREATE TABLE and ADD COLUMN."""
    parts = [quote_ident(column.name), column_type_sql(column)]
    if inline_pk:
        parts.append("PRIMARY KEY")
    if column.generated is not None:
        parts.append(f"GENERATED ALWAYS AS ({column.generated}) STORED")
    if column.default is not None:
        parts.append(f"DEFAULT {column.default}")
    if column.identity is not None:
        parts.append(identity_sql(table.schema, table.name, column.name, column.identity))
    if column.not_null:
        parts.append("NOT NULL")
    return " ".join(parts)


def _deferral(deferrable: bool, initially_deferred: bool) -> str:
    if not deferrable:
        return ""
    return " DEFERRABLE INITIALLY DEFERRED" if initially_deferred else " DEFERRABLE"


def constraint_body(constraint: Constraint) -> str:
    """The constraint after ``CONSTRAINT "name"`` (without NOT VALID: see ``AddConstraint``)."""
    if isinstance(constraint, PrimaryKey):
        text = f"PRIMARY KEY({packed_idents(constraint.columns)})"
        return text + _deferral(constraint.deferrable, constraint.initially_deferred)
    if isinstance(constraint, UniqueConstraint):
        nulls = " NULLS NOT DISTINCT" if constraint.nulls_not_distinct else ""
        text = f"UNIQUE{nulls}({packed_idents(constraint.columns)})"
        return text + _deferral(constraint.deferrable, constraint.initially_deferred)
    if isinstance(constraint, CheckConstraint):
        return f"CHECK ({constraint.expression})"
    if isinstance(constraint, ExcludeConstraint):
        return constraint.definition + _deferral(constraint.deferrable, constraint.initially_deferred)
    fk = constraint
    text = (
        f"FOREIGN KEY ({idents(fk.columns)}) REFERENCES {qualified_name(fk.ref_schema, fk.ref_table)}"
        f"({idents(fk.ref_columns)}) ON DELETE {fk.on_delete} ON UPDATE {fk.on_update}"
    )
    return text + _deferral(fk.deferrable, fk.initially_deferred)


def constraint_sql(constraint: Constraint) -> str:
    return f"CONSTRAINT {quote_ident(constraint.name)} {constraint_body(constraint)}"


def inline_primary_key(table: Table) -> str | None:
    """The column whose PRIMARY KEY is written inline (drizzle's style for a default-named 1-column key)."""
    pk = table.primary_key
    if pk is not None and len(pk.columns) == 1 and pk.name == f"{table.name}_pkey" and not pk.deferrable:
        return pk.columns[0]
    return None


def table_ref_sql(key: str) -> str:
    """``"schema"."name"`` from a model key (``schema.name``; the schema never holds a dot in a key)."""
    schema, _, name = key.partition(".")
    return qualified_name(schema, name)


def create_table_sql(table: Table) -> str:
    """CREATE [UNLOGGED] TABLE with its columns and the constraints that can be inline (NOT VALID ones
    cannot: PostgreSQL validates every constraint of CREATE TABLE, so they are added afterwards)."""
    inline = inline_primary_key(table)
    lines = [column_sql(table, c, inline_pk=c.name == inline) for c in table.columns]
    if table.primary_key is not None and inline is None:
        lines.append(constraint_sql(table.primary_key))
    lines += [constraint_sql(u) for u in table.unique_constraints]
    lines += [constraint_sql(c) for c in table.check_constraints if not c.not_valid]
    lines += [constraint_sql(x) for x in table.exclude_constraints]
    body = ",\n".join("\t" + line for line in lines)
    head = "CREATE UNLOGGED TABLE" if table.unlogged else "CREATE TABLE"
    text = f"{head} {qualified_name(table.schema, table.name)} (\n{body}\n)"
    if table.inherits:
        text += f" INHERITS ({', '.join(table_ref_sql(parent) for parent in table.inherits)})"
    if table.partition_by:
        text += f" PARTITION BY {table.partition_by}"
    return text + ";"


def create_partition_sql(parent: Table, partition: Partition) -> str:
    return (
        f"CREATE TABLE {qualified_name(partition.schema, partition.name)} PARTITION OF "
        f"{qualified_name(parent.schema, parent.name)} {partition.bound};"
    )


def index_element_sql(element) -> str:  # type: ignore[no-untyped-def]
    text = f"({element.expression})" if element.is_expression else quote_ident(element.expression)
    if element.collation:
        text += f" COLLATE {quote_ident(element.collation)}"
    if element.opclass:
        text += f" {element.opclass}"
    if element.descending:
        text += " DESC"
    if element.nulls_first is not None:
        default_first = element.descending
        if element.nulls_first != default_first:
            text += " NULLS FIRST" if element.nulls_first else " NULLS LAST"
    return text


def create_index_sql(schema: str, table: str, index: Index, *, concurrently: bool) -> str:
    unique = "UNIQUE " if index.unique else ""
    conc = "CONCURRENTLY " if concurrently else ""
    text = (
        f"CREATE {unique}INDEX {conc}{quote_ident(index.name)} ON {qualified_name(schema, table)} "
        f"USING {index.method} ({', '.join(index_element_sql(e) for e in index.elements)})"
    )
    if index.include:
        text += f" INCLUDE ({idents(index.include)})"
    if index.nulls_not_distinct:
        text += " NULLS NOT DISTINCT"
    if index.with_:
        text += " WITH (" + ", ".join(f"{k}={v}" for k, v in index.with_) + ")"
    if index.where:
        text += f" WHERE {index.where}"
    return text + ";"


def create_policy_sql(schema: str, table: str, policy: Policy) -> str:
    kind = "PERMISSIVE" if policy.permissive else "RESTRICTIVE"
    roles = ", ".join(
        r if r in ("public", "current_user", "current_role", "session_user") else quote_ident(r)
        for r in policy.roles
    )
    text = (
        f"CREATE POLICY {quote_ident(policy.name)} ON {qualified_name(schema, table)} AS {kind} "
        f"FOR {policy.command} TO {roles}"
    )
    if policy.using is not None:
        text += f" USING ({policy.using})"
    if policy.with_check is not None:
        text += f" WITH CHECK ({policy.with_check})"
    return text + ";"


def comment_literal(comment: str | None) -> str:
    return "NULL" if comment is None else quote_literal(comment)


def join_statements(statements: Sequence[str]) -> str:
    """Statements joined as drizzle-kit joins them: the marker right after ``;``, multi-line ones end in a newline."""
    pieces = [s + "\n" if "\n" in s else s for s in statements]
    return (BREAKPOINT + "\n").join(pieces)


def migration_sql(ops: Sequence[Operation]) -> str:
    """The up migration file text.

    No transaction header: the runner splits every file into transaction groups itself
    (pgshift.runner.groups: a CONCURRENTLY statement alone, a new enum value committed before its first
    use, VALIDATE after its NOT VALID add), so the rest of a mixed migration keeps its transactions.
    """
    return join_statements([stmt for op in ops for stmt in op.sql()])


def irreversible_reasons(ops: Sequence[Operation]) -> list[str]:
    return [op.describe() for op in ops if op.reverse() is None]


def down_sql(ops: Sequence[Operation]) -> str:
    """The down migration: every op's reverse in reverse order.

    If some op cannot be undone (its data is gone), the first line is ``-- pgshift:irreversible <what>``
    so the runner refuses the file instead of pretending; the reversible statements follow for a
    person to adapt.
    """
    reverses = [rev for op in reversed(ops) if (rev := op.reverse()) is not None]
    body = join_statements([stmt for rev in reverses for stmt in rev.sql()])
    reasons = irreversible_reasons(ops)
    if reasons:
        header = f"-- {IRREVERSIBLE} {'; '.join(reasons)}\n"
        return header + body
    return body
