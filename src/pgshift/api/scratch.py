"""Declarations read back through the server: the canonical form of functions, triggers, views, rules,
statistics objects, publications (a row filter in the server's spelling) and text search dictionaries and
configurations.

Schema code declares these objects as SQL (``pgshift.objects``, alembic_utils entities, the config's
``sql`` files). Comparing that text with what a database prints would report every reformatting as a
change, and parsing bodies ourselves would guess at what PostgreSQL decides. So the declarations run on
a scratch database — a new database created for the purpose on the ``dev_url`` server (or the embedded
development database), inside a transaction that is rolled back, the database dropped after — and the
objects are read back with the same catalog queries introspection uses on real databases. Postgres
interprets them, and both sides of every comparison are the server's own spelling.

Table-only schemas never come here: no declarations, no database.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from pgshift.config import Config
from pgshift.errors import PgshiftError
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    Enum,
    Index,
    Model,
    Policy,
    Sequence,
    Table,
    build_model,
)

_SYSTEM_SCHEMAS = "nspname NOT LIKE 'pg\\_%%' AND nspname <> 'information_schema'"


class DeclarationError(PgshiftError):
    """A declaration (or SQL file) failed on the scratch database."""


@dataclass(frozen=True)
class Declared:
    """One statement to run, and where it came from (for errors). ``optional``: a step the read-back can
    do without when it cannot run (see ``_apply_and_read``)."""

    sql: str
    origin: str
    optional: bool = False
    fallback: str | None = None  # what to run instead when it cannot run (a table without its expressions)


def declarations(config: Config, registered: list[Any]) -> list[Declared]:
    """The statements schema code (``registered``: its declarations, ``pgshift.objects.registered``) and
    the config's SQL files declare, in order (code first)."""
    out: list[Declared] = []
    if registered:  # (pgshift.objects is loaded only where schema code declared something)
        from pgshift.objects import is_privilege_declaration, statements_of
        from pgshift.sources.kinds.foreign import is_foreign_declaration

        for item in registered:
            if is_privilege_declaration(item):
                continue  # grants are read as data (pgshift.sources.kinds.grant): their roles may not exist here
            if is_foreign_declaration(item):
                continue  # wrappers and servers are data (pgshift.sources.kinds.foreign), created with the tables
            label = f"{type(item).__name__} {getattr(item, 'name', None) or getattr(item, 'signature', '')}".strip()
            out += [Declared(sql, label) for sql in statements_of(item)]
    for name in config.sql:
        path = config.path(name)
        if not path.is_file():
            raise PgshiftError(
                f"SQL file {name} does not exist", where=str(path), hint="check `sql` in the config"
            )
        out.append(Declared(path.read_text(encoding="utf-8"), str(path)))
    return out


def scratch_server(config: Config) -> tuple[str, str]:
    """The URL of the server to use and how it was chosen (said in the output)."""
    if config.dev_url:
        return config.dev_url, "dev_url from the config"
    from pgshift import devdb

    try:
        return devdb.dev_url(config.root), devdb.describe(config.root)
    except Exception as exc:  # the embedded server is optional; say what to do instead
        raise PgshiftError(
            f"the schema declares functions, triggers or views, which pgshift reads back through a scratch "
            f"database, but none is available: {exc}",
            hint='set `dev_url = "postgresql://..."` in the config (a server where pgshift may create and '
            "drop a scratch database), or install the embedded development database (pgshift[devdb])",
        ) from exc


def canonical_model(config: Config, model: Model, declared: list[Declared]) -> tuple[Model, str]:
    """``model`` (tables from code) with the declared objects as the server reads them back, and a
    sentence saying that a scratch database was used and why."""
    import psycopg
    from psycopg import sql as pgsql

    from pgshift.urls import mask_secrets, normalize_url

    server, how = scratch_server(config)
    server = normalize_url(server)
    name = f"pgshift_scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(pgsql.SQL("CREATE DATABASE {} TEMPLATE template0").format(pgsql.Identifier(name)))
    try:
        url = psycopg.conninfo.make_conninfo(server, dbname=name)
        with psycopg.connect(url) as conn, conn.transaction(force_rollback=True):
            read = _apply_and_read(conn, model, declared)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(pgsql.SQL("DROP DATABASE IF EXISTS {}").format(pgsql.Identifier(name)))
    held = (
        {v.schema for v in read.views}
        | {f.schema for f in read.functions}
        | {d.schema for d in read.defined}
        | {o.schema for o in read.operators}
    )
    held |= {d.schema for d in read.ts_dictionaries} | {c.schema for c in read.ts_configurations}
    merged = build_model(
        schemas=set(model.schemas) | held,
        enums=_commented(model.enums, read.enums),
        sequences=_commented(model.sequences, read.sequences),
        tables=[_server_spelled(t, read) for t in model.tables],
        views=read.views,
        functions=read.functions,
        triggers=read.triggers,
        rules=read.rules,
        event_triggers=read.event_triggers,
        statistics=read.statistics,
        publications=read.publications,
        ts_dictionaries=read.ts_dictionaries,
        ts_configurations=read.ts_configurations,
        casts=read.casts,
        operators=read.operators,
        defined=read.defined,
        grants=model.grants,
        default_privileges=model.default_privileges,
        foreign_data_wrappers=model.foreign_data_wrappers,  # data: the code's, never read back
        foreign_servers=model.foreign_servers,
        # a schema's comment is declared with objects.Comment('SCHEMA "billing"', ...) and read back
        schema_comments={**dict(read.schema_comments), **dict(model.schema_comments)}.items(),
    )
    kinds = _counted(read)
    note = (
        f"read {kinds} back through a scratch database on {mask_secrets(server)} ({how}), "
        "so they are compared in the server's own spelling"
    )
    return merged, note


_K = TypeVar("_K", Enum, Sequence)


def _commented(declared: tuple[_K, ...], read: tuple[_K, ...]) -> tuple[_K, ...]:
    """The code's enums or sequences with the comments the declarations gave them: SQLAlchemy has no
    ``comment=`` for these, so ``objects.Comment("TYPE public.mood", ...)`` declares one, and the
    comment the scratch database holds afterwards is the one to compare."""
    comments = {r.key: r.comment for r in read}
    return tuple(
        dataclasses.replace(d, comment=comments.get(d.key)) if d.comment is None else d for d in declared
    )


def _body_checked(sql: str) -> bool:
    """A CREATE FUNCTION / PROCEDURE not yet run with the body check off."""
    from pgshift.diff.kinds.function import NO_BODY_CHECK
    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    if sql.startswith(NO_BODY_CHECK):
        return False
    try:
        return [s.kind for s in parse_statements(sql)] == ["create_function_stmt"]
    except SqlSyntaxError:
        return False


def _apply_and_read(conn: Any, model: Model, declared: list[Declared]) -> Model:
    """Create the tables, run the declarations (in whatever order lets each find what it needs), read."""
    import psycopg

    from pgshift.diff.differ import diff
    from pgshift.diff.kinds.constraint import AddConstraint
    from pgshift.diff.kinds.function import NO_BODY_CHECK
    from pgshift.diff.kinds.policy import CreatePolicy
    from pgshift.diff.kinds.table import CreateTable
    from pgshift.sources.introspect import introspect

    # Foreign keys, policies, defaults and CHECKs may name what lives outside the managed schemas
    # (Supabase's auth.users, auth.uid()), which the scratch database does not have. No declaration needs
    # them to be read back: foreign keys, policies and a table's indexes may fail, and a table that
    # cannot be created is created without its expressions.
    steps: list[Declared] = []
    # A table's access method is the code's, never read back, and the scratch database may not have
    # it (pgshift does not create access methods): its tables are heap tables.
    tables = tuple(dataclasses.replace(t, access_method=None) for t in model.tables)
    tables_only = dataclasses.replace(
        model, tables=tables, views=(), functions=(), triggers=(), rules=(), event_triggers=(), defined=()
    )
    tables_only = dataclasses.replace(
        tables_only,
        statistics=(),
        publications=(),
        ts_dictionaries=(),
        ts_configurations=(),
        casts=(),
        operators=(),
    )
    for op in diff(Model(), tables_only):
        if not op.transactional:
            continue
        origin = f"table DDL ({op.describe()})"
        statements = op.sql()
        if isinstance(op, CreateTable):
            bare = CreateTable(_without_expressions(op.table)).sql()[0]
            steps.append(Declared(statements[0], origin, fallback=bare))
            steps += [Declared(sql, origin, optional=True) for sql in statements[1:]]
        else:
            optional = isinstance(op, AddConstraint | CreatePolicy)
            steps += [Declared(sql, origin, optional=optional) for sql in statements]
    steps += declared
    pending = steps
    while pending:  # a default may call a declared function, a function may return a table's rows...
        failed: list[tuple[Declared, psycopg.Error]] = []
        for step in pending:
            try:
                with conn.transaction():
                    conn.execute(step.sql.encode())
            except psycopg.Error as exc:
                failed.append((step, exc))
        if len(failed) == len(pending) and any(step.fallback for step, _ in failed):
            pending = [Declared(step.fallback or step.sql, step.origin, step.optional) for step, _ in failed]
            continue
        if len(failed) == len(pending) and any(_body_checked(step.sql) for step, _ in failed):
            # A SQL function whose body names what only its callers' search_path finds (PostgREST's
            # fixtures: ``insert into items`` in schema test) cannot pass the body check in any order;
            # created without it, as the migration and pg_dump create it.
            pending = [
                Declared(f"{NO_BODY_CHECK}\n{step.sql}", step.origin, step.optional)
                if _body_checked(step.sql)
                else step
                for step, _ in failed
            ]
            continue
        if len(failed) == len(pending):
            if all(step.optional for step, _ in failed):
                break
            first, error = next((step, e) for step, e in failed if not step.optional)
            diag = getattr(error, "diag", None)
            message = (getattr(diag, "message_primary", None) or str(error)).strip()
            raise DeclarationError(
                f"a declaration failed on the scratch database: {message}",
                where=f"{first.origin}: {first.sql.strip()[:300]}",
                hint="fix the declaration (it runs as written, after the tables the code declares)",
            )
        pending = [step for step, _ in failed]
    schemas = [r[0] for r in conn.execute(f"SELECT nspname FROM pg_namespace WHERE {_SYSTEM_SCHEMAS}")]
    return introspect(conn, schema_filter=schemas)


def _without_expressions(table: Table) -> Table:
    """``table`` without defaults, generated expressions, CHECKs and indexes: what the scratch database
    can create when an expression names something it does not have."""
    columns = tuple(dataclasses.replace(c, default=None, generated=None) for c in table.columns)
    return dataclasses.replace(table, columns=columns, check_constraints=(), indexes=(), policies=())


def _server_spelled(table: Table, read: Model) -> Table:
    """``table`` with each expression the server rewrote when it created the table on the scratch
    database (a default ``net_price(1)`` is stored as ``net_price((1)::numeric)``) taken as the server
    spells it. The server is the judge of what such an expression means — dropping the cast ourselves
    could change which function is called — and a real database stores the same text, so without this
    the schema would show drift against every database it was migrated to."""
    back = next((t for t in read.tables if t.key == table.key), None)
    if back is None:
        return table
    columns = {c.name: c for c in back.columns}
    checks = {c.name: c for c in back.check_constraints}
    indexes = {i.name: i for i in back.indexes}
    policies = {p.name: p for p in back.policies}

    def column(c: Column) -> Column:
        served = columns.get(c.name)
        if served is None:
            return c
        return dataclasses.replace(
            c,
            default=served.default if c.default and served.default else c.default,
            generated=served.generated if c.generated and served.generated else c.generated,
        )

    def check(c: CheckConstraint) -> CheckConstraint:
        served = checks.get(c.name)
        return dataclasses.replace(c, expression=served.expression) if served else c

    def index(i: Index) -> Index:
        served = indexes.get(i.name)
        return dataclasses.replace(i, where=served.where) if served and i.where and served.where else i

    def policy(p: Policy) -> Policy:
        served = policies.get(p.name)
        if served is None:
            return p
        return dataclasses.replace(
            p,
            using=served.using if p.using and served.using else p.using,
            with_check=served.with_check if p.with_check and served.with_check else p.with_check,
        )

    return dataclasses.replace(
        table,
        columns=tuple(column(c) for c in table.columns),
        check_constraints=tuple(check(c) for c in table.check_constraints),
        indexes=tuple(index(i) for i in table.indexes),
        policies=tuple(policy(p) for p in table.policies),
    )


def _counted(model: Model) -> str:
    parts = []
    for label, items in (
        ("function", [f for f in model.functions if f.kind.value != "aggregate"]),
        ("aggregate", [f for f in model.functions if f.kind.value == "aggregate"]),
        ("trigger", model.triggers),
        ("view", model.views),
        ("rule", model.rules),
        ("event trigger", model.event_triggers),
        ("statistics object", model.statistics),
        ("publication", model.publications),
        ("text search dictionary", model.ts_dictionaries),
        ("text search configuration", model.ts_configurations),
        ("cast", model.casts),
        ("operator", model.operators),
        ("type or extension", model.defined),
    ):
        if items:
            parts.append(f"{len(items)} {label}{'s' if len(items) != 1 else ''}")
    return ", ".join(parts) or "the declarations"


def _expressions(table: Table) -> tuple[object, ...]:
    """The SQL text a table holds (defaults, generated columns, CHECKs, index keys and predicates,
    policies): what the server may spell differently from the code."""
    # (lists, not tuples of generators: built for every table of both models on each push, and a
    # comprehension is about twice as fast)
    return (
        [(c.name, c.default, c.generated) for c in table.columns],
        [(c.name, c.expression) for c in table.check_constraints],
        [(i.name, i.where, [e.expression for e in i.elements if e.is_expression]) for i in table.indexes],
        [(p.name, p.using, p.with_check) for p in table.policies],
    )


def to_spell(expected: Model, actual: Model) -> list[Table]:
    """The tables of ``expected`` whose expression texts differ from the database's (``actual``): the ones
    ``spelled_by_server`` asks the server about (none: it needs no connection)."""
    in_database = {t.key: t for t in actual.tables}
    return [
        t
        for t in expected.tables
        if t.key in in_database and _expressions(t) != _expressions(in_database[t.key])
    ]


def spelled_by_server(
    conn: Any, expected: Model, actual: Model, candidates: list[Table] | None = None
) -> Model:
    """``expected`` (code or a snapshot) with the expressions of each table whose SQL text differs from the
    database's (``actual``) taken as this server spells them: those tables are created as temporary tables
    in a transaction that is rolled back, and read back.

    pgshift's own normalisation keeps the author's spelling wherever a rewrite could change the meaning, so
    an expression Postgres stores with coercions of its own (``COALESCE(kind, '?')`` on a varchar column is
    stored as ``(COALESCE(kind, '?'::character varying))::text``) would otherwise show as drift forever, and
    push would drop and re-create it on every run. The server is the judge of what the text means; a table
    it cannot create this way (a type or function missing) keeps the code's spelling. Nothing is changed
    in the database (needs the TEMP privilege, which PUBLIC has by default). ``candidates``: ``to_spell``'s
    answer, when the caller has it already."""
    candidates = to_spell(expected, actual) if candidates is None else candidates
    if not candidates:
        return expected
    import psycopg

    from pgshift.diff.differ import diff
    from pgshift.diff.kinds.constraint import AddConstraint
    from pgshift.sources.introspect import introspect

    temp_names = {f"pgshift_spelled_{i}": t for i, t in enumerate(candidates)}
    created: dict[str, Table] = {}
    read: Model | None = None
    try:
        with conn.transaction(force_rollback=True):
            for name, table in temp_names.items():
                temp = dataclasses.replace(
                    table,
                    schema="pg_temp",
                    name=name,
                    foreign_keys=(),
                    partition_by=None,
                    partitions=(),
                    inherits=(),
                    access_method=None,
                    storage_parameters=(),
                    clustered_on=None,
                    foreign=None,  # spelled on a plain temporary table: its server need not exist yet
                    columns=tuple(dataclasses.replace(c, foreign_options=()) for c in table.columns),
                )
                ops = [op for op in diff(Model(), Model(tables=(temp,))) if not isinstance(op, AddConstraint)]
                try:
                    with conn.transaction():
                        for op in ops:
                            for statement in op.sql():
                                conn.execute(statement.encode())
                except psycopg.Error:
                    continue  # it keeps the code's spelling
                created[name] = table
            if created:
                row = conn.execute(
                    "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()"
                ).fetchone()
                read = introspect(conn, schema_filter=[row[0]]) if row else None
    except psycopg.Error:
        return expected  # (the server would not even start the transaction: nothing to learn)
    if read is None:
        return expected
    served = {t.name: t for t in read.tables}
    spelled = {
        table.key: _server_spelled(
            table, Model(tables=(dataclasses.replace(served[name], schema=table.schema, name=table.name),))
        )
        for name, table in created.items()
        if name in served
    }
    return dataclasses.replace(expected, tables=tuple(spelled.get(t.key, t) for t in expected.tables))
