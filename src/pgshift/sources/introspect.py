"""Live database -> pgshift's model, with one catalog query per object kind.

The queries live in ``pgshift/catalog/*.sql``. Each returns every object of its kind in the chosen schemas
at once (schemainspect's approach), so 1,000 tables cost the same eight round trips as one; SQLAlchemy's
per-table reflection costs several queries per table. Postgres's own functions (format_type,
pg_get_expr, pg_get_constraintdef, pg_get_indexdef) print types and expressions, which then go through
the same normalisation as schema code (``pgshift.types``), so a database created from schema S
introspects to model(S):

- ``integer`` + an owned sequence + ``DEFAULT nextval(...)`` is ``serial`` (likewise small/big);
- identity columns carry their sequence's name and options;
- indexes backing a PRIMARY KEY or UNIQUE constraint are part of the constraint, not separate indexes;
- objects owned by extensions, and pgshift's own tracking table, are left out.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from pgshift import catalog
from pgshift.gcpause import pausing_gc
from pgshift.model import schema as m
from pgshift.model.clauses import (
    nextval_target,
    normalize_exclude,
    normalize_partition_bound,
    normalize_partition_key,
)
from pgshift.model.filters import table_matcher
from pgshift.model.types import (
    SqlType,
    canonical_default,
    collation_sql,
    normalize_stored_expression,
    parse_type,
)
from pgshift.pg.naming import not_null_name
from pgshift.pg.parser import index_definition_keys, parameter_names_quoted
from pgshift.sources.kinds import SOURCE_KINDS
from pgshift.sources.snapshot_fields import sequence_options_from_catalog
from pgshift.urls import SECRET_OPTION_PATTERN

_ACTIONS = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}


_QUERIES = (
    "columns",
    "constraints",
    "indexes",
    "policies",
    *(k.query for k in SOURCE_KINDS),
    "schemas",
    "partitions",
    "functions",
    "triggers",
    "rules",
    "defined",
)
# With a URL, these groups are read on connections of their own while the caller's connection reads
# the rest (the server works on them in parallel): the three heaviest queries each alone.
_OFFLOADED = (("columns",), ("indexes",), ("constraints", "partitions", "triggers"))
# The queries whose rows come as named tuples, not dicts: a row per column (10,500 in bench/objects),
# which psycopg makes about twice as fast as dicts (~25 ms of the GIL there).
_TUPLE_ROWS = frozenset({"columns"})


def as_server_holds(model: m.Model, server_version: int) -> m.Model:
    """``model`` as a server of ``server_version`` (``server_version_num``) holds it, for comparing code
    with a live database: before PostgreSQL 18 a NOT NULL has no constraint row, so the name code gives
    it is accepted and ignored, and the catalog can never show it (comparing would plan the rename on
    every push and report it as drift forever)."""
    if server_version >= 180000 or not any(c.not_null_name for t in model.tables for c in t.columns):
        return model
    tables = [
        replace(t, columns=tuple(replace(c, not_null_name=None) for c in t.columns)) for t in model.tables
    ]
    return replace(model, tables=tuple(tables))


@pausing_gc
def introspect(
    conn: Any,
    *,
    schema_filter: Sequence[str] = ("public",),
    tables_filter: Sequence[str] = (),
    exclude_tables: Sequence[tuple[str, str]] = (),
    url: str | None = None,
) -> m.Model:
    """Read the schemas in ``schema_filter`` of the database behind psycopg connection ``conn``.

    With ``url`` (the same database), the heaviest catalog queries also run at the same time on three
    connections of their own, in one snapshot (``_read``), so the server works on them in parallel
    while this thread reads and prepares the rest (bench/objects: under 1 s for 1,000 tables with
    functions, views, triggers and partitions).
    """
    params = {"schemas": list(schema_filter), "secret_options": SECRET_OPTION_PATTERN}
    matches = table_matcher(tables_filter)
    excluded = set(exclude_tables)

    def keep(schema: str, table: str) -> bool:
        return (schema, table) not in excluded and matches(schema, table)

    # Each keyed kind's objects are made in the thread that read its rows, while the others still read;
    # so are the tables (from the columns) and their constraints and indexes, grouped by table.
    prepare: dict[str, Callable[[list[Any]], Any]] = {kind.query: kind.from_catalog for kind in SOURCE_KINDS}
    prepare.update(columns=lambda rows: _tables(rows, keep), constraints=_constraints, indexes=_indexes)
    results = _read(conn, params, url, prepare)
    tables, left_out = results["columns"]
    for key, parts in results["constraints"].items():
        if (table := tables.get(key)) is not None:
            table.update(parts)
    view_indexes: dict[tuple[str, str], list[m.Index]] = {}
    for (on_view, *key), indexes in results["indexes"].items():
        if not on_view:
            if (table := tables.get((key[0], key[1]))) is not None:
                table["indexes"] = indexes
        else:
            view_indexes[key[0], key[1]] = indexes  # a materialized view's indexes are part of it
    _policies(results["policies"], tables)
    _partitions(results["partitions"], tables)
    keyed = {kind.collection: results[kind.query] for kind in SOURCE_KINDS}
    keyed["views"] = [
        replace(v, indexes=tuple(view_indexes.get((v.schema, v.name), ()))) for v in keyed["views"]
    ]
    # grants on the tables the filters leave out (the tracking table among them) are left out with them
    keyed["grants"] = [g for g in keyed["grants"] if g.on != "table" or (g.schema, g.name) not in left_out]
    # statistics objects on the tables the filters leave out go with them
    keyed["statistics"] = [s for s in keyed["statistics"] if keep(s.table_schema, s.table)]
    # a publication naming a table the filters leave out is not managed either (never dropped)
    keyed["publications"] = [
        p for p in keyed["publications"] if all(keep(t.schema, t.table) for t in p.tables)
    ]
    functions = [_function(r) for r in results["functions"]]
    triggers = [_trigger(r) for r in results["triggers"] if keep(r["schema"], r["table_name"])]
    rules = [
        m.Rule(
            schema=r["schema"],
            table=r["table_name"],
            name=r["name"],
            definition=r["definition"],
            comment=r["comment"] or None,
        )
        for r in results["rules"]
        if keep(r["schema"], r["table_name"])
    ]
    schemas = [r["name"] for r in results["schemas"]]
    built = [
        m.Table(
            schema=t["schema"],
            name=t["name"],
            columns=tuple(t["columns"]),
            primary_key=t["pk"],
            foreign_keys=tuple(t["fks"]),
            unique_constraints=tuple(t["uniques"]),
            check_constraints=tuple(t["checks"]),
            indexes=tuple(t["indexes"]),
            policies=tuple(t["policies"]),
            rls_enabled=t["rls"],
            comment=t["comment"],
            exclude_constraints=tuple(t["excludes"]),
            unlogged=t["unlogged"],
            partition_by=t["partition_by"],
            partitions=tuple(t["partitions"]),
            inherits=t["inherits"],
            storage_parameters=t["storage_parameters"],
            clustered_on=t["clustered_on"],
            access_method=t["access_method"],
            foreign=t["foreign"],
        )
        for t in tables.values()
    ]
    defined = [
        m.DefinedObject(
            kind=m.ObjectKind(r["kind"]),
            schema=r["schema"],
            name=r["name"],
            definition=r["definition"],
            comment=r["comment"] or None,
            part_comments=tuple(sorted((r["part_comments"] or {}).items())),
        )
        for r in results["defined"]
    ]
    # Every existing schema asked for is part of the model, an empty one too (``public`` never is).
    return m.build_model(
        schemas=schemas,
        tables=built,
        functions=functions,
        triggers=triggers,
        rules=rules,
        defined=defined,
        schema_comments=[(r["name"], r["comment"]) for r in results["schemas"]],
        **keyed,
    )


def unmanaged_in_catalog(conn: Any, schemas: Sequence[str]) -> list[tuple[str, str]]:
    """``(kind, qualified name)`` of every object in ``schemas`` of a kind pgshift does not model yet
    (``catalog/unmanaged.sql``)."""
    params = {"schemas": list(schemas), "secret_options": SECRET_OPTION_PATTERN}
    with _without_jit(conn):
        return [(r["kind"], r["name"]) for r in _fetch(conn, "unmanaged", params)]


@contextlib.contextmanager
def _without_jit(conn: Any) -> Iterator[None]:
    """Catalog queries run with JIT off. A long UNION over the catalogs (unmanaged.sql) is estimated
    above ``jit_above_cost``, and compiling its 500 expressions took ~270 ms for a query that runs in
    20 ms (bench/pull). ``SET LOCAL``: in a transaction of its own, or for the rest of the caller's."""
    from psycopg.pq import TransactionStatus

    if conn.info.transaction_status == TransactionStatus.IDLE:
        with conn.transaction():
            conn.execute("SET LOCAL jit = off")
            yield
    else:
        conn.execute("SET LOCAL jit = off")
        yield


def _fetch(conn: Any, name: str, params: dict[str, Any]) -> list[Any]:
    """Query ``name``'s rows: dicts, or named tuples for the queries in ``_TUPLE_ROWS``."""
    from psycopg.rows import dict_row, namedtuple_row

    with conn.cursor(row_factory=namedtuple_row if name in _TUPLE_ROWS else dict_row) as cur:
        cur.execute(catalog.load(name), params)
        rows: list[Any] = cur.fetchall()
        return rows


def _read(
    conn: Any,
    params: dict[str, Any],
    url: str | None,
    prepare: dict[str, Callable[[list[dict[str, Any]]], Any]],
) -> dict[str, Any]:
    """Every catalog query's rows, or ``prepare[name](rows)`` for the queries named there.

    With ``url``, and ``conn`` outside a transaction, the groups of ``_OFFLOADED`` run on connections
    of their own at the same time, all reading one state of the catalog: ``conn`` opens a REPEATABLE
    READ transaction, exports its snapshot and each other connection imports it (``SET TRANSACTION
    SNAPSHOT``), so a table created or dropped meanwhile is seen by every query or by none. A
    connection that cannot be opened leaves its queries to ``conn``. Inside the caller's own
    transaction (whose uncommitted changes only ``conn`` sees) everything is read on ``conn``.
    """
    from psycopg.pq import TransactionStatus

    if url is None or conn.info.transaction_status != TransactionStatus.IDLE:
        with _without_jit(conn):
            return {name: _prepared(conn, name, params, prepare) for name in _QUERIES}
    from concurrent.futures import ThreadPoolExecutor

    from psycopg import IsolationLevel

    isolation = conn.isolation_level
    conn.isolation_level = IsolationLevel.REPEATABLE_READ
    try:
        with conn.transaction(), ThreadPoolExecutor(max_workers=len(_OFFLOADED) + 1) as pool:
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            conn.execute("SET LOCAL jit = off")  # (as _without_jit says)
            pending = [
                pool.submit(_fetch_group, url, snapshot, group, params, prepare) for group in _OFFLOADED
            ]
            offloaded = {name for group in _OFFLOADED for name in group}
            # The queries with something to prepare first, each prepared in a thread of its own while
            # this connection reads the next.
            ours = sorted((n for n in _QUERIES if n not in offloaded), key=lambda n: n not in prepare)
            results: dict[str, Any] = {}
            preparing = {}
            for name in ours:
                rows = _fetch(conn, name, params)
                if name in prepare:
                    preparing[name] = pool.submit(prepare[name], rows)
                else:
                    results[name] = rows
            results.update((name, future.result()) for name, future in preparing.items())
            for group, future in zip(_OFFLOADED, pending, strict=True):
                read = future.result()
                if read is None:
                    read = {name: _prepared(conn, name, params, prepare) for name in group}
                results.update(read)
    finally:
        conn.isolation_level = isolation
    return results


def _fetch_group(
    url: str,
    snapshot: str,
    names: Sequence[str],
    params: dict[str, Any],
    prepare: dict[str, Callable[[list[dict[str, Any]]], Any]],
) -> dict[str, Any] | None:
    """The rows of queries ``names``, read on a connection of their own in the exported ``snapshot``;
    None when that connection cannot be had (connection limits, a refused snapshot)."""
    import psycopg
    from psycopg import sql

    from pgshift.pg.sqlstate import DatabaseError

    try:
        with psycopg.connect(url, application_name="pgshift", autocommit=True) as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            conn.execute("SET LOCAL jit = off")  # (as _without_jit says)
            conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
            rows = {name: _fetch(conn, name, params) for name in names}
            conn.execute("COMMIT")
    except DatabaseError:
        return None
    return {name: prepare[name](r) if name in prepare else r for name, r in rows.items()}


def _prepared(
    conn: Any, name: str, params: dict[str, Any], prepare: dict[str, Callable[[list[dict[str, Any]]], Any]]
) -> Any:
    """Query ``name``'s rows on ``conn``, prepared as ``_read`` says."""
    rows = _fetch(conn, name, params)
    return prepare[name](rows) if name in prepare else rows


def _tables(
    rows: list[Any], keep: Callable[[str, str], bool]
) -> tuple[dict[tuple[str, str], dict[str, Any]], set[tuple[str, str]]]:
    """The tables ``keep`` keeps, each a dict of its facts and columns (in ``attnum`` order) to which the
    other queries' parts are added, and the tables it left out. ``rows`` are ``columns.sql``'s, as
    named tuples (``_TUPLE_ROWS``)."""
    tables: dict[tuple[str, str], dict[str, Any]] = {}
    left_out: set[tuple[str, str]] = set()
    for r in rows:  # in no order: each table's columns are put in attnum order at the end
        key = (r.schema, r.table_name)
        table = tables.get(key)
        if table is None:
            if key in left_out or not keep(*key):  # once per table, not once per column
                left_out.add(key)
                continue
            table = tables[key] = {
                "schema": r.schema,
                "name": r.table_name,
                "columns": [],
                "pk": None,
                "fks": [],
                "uniques": [],
                "checks": [],
                "indexes": [],
                "policies": [],
                "rls": r.rls_enabled,
                "comment": r.table_comment or None,
                "excludes": [],
                "unlogged": bool(r.unlogged),
                "partition_by": normalize_partition_key(r.partition_by) if r.partition_by else None,
                "partitions": [],
                "inherits": tuple(r.inherits or ()),
                "storage_parameters": tuple(sorted(r.storage_parameters or ())),
                "clustered_on": r.clustered_on,
                "access_method": r.access_method,  # heap becomes None (model.schema.canonical_table)
                "foreign": (
                    m.ForeignTable(r.foreign_server, m.options_of(r.table_foreign_options))
                    if r.foreign_server is not None
                    else None
                ),
            }
        if r.attnum is not None:  # NULL: a table without columns of its own
            table["columns"].append((r.attnum, _column(r)))
    for table in tables.values():
        table["columns"] = [column for _, column in sorted(table["columns"], key=_first)]
    return tables, left_out


_first = operator.itemgetter(0)


def _column_type(r: Any) -> SqlType:
    """``format_type`` prints one ``[]`` whatever the depth; the column's declared depth is in ``dims``.

    Any other user-defined type (a domain, a composite or range type, an extension's type) is spelled as
    ``format_type`` spells it: qualified exactly when its schema is not on the search_path (``app.email``),
    bare when it is (``citext`` in Supabase's ``extensions``). A bare name in DDL would not be found."""
    if r.typtype == "e":
        return SqlType(r.type_name, 0, r.type_schema)
    if r.elem_typtype == "e":
        return SqlType(r.elem_name, max(r.dims or 1, 1), r.elem_schema)
    parsed = parse_type(r.type)
    if parsed.array_dims and (r.dims or 0) > 1:
        return SqlType(parsed.base, r.dims, parsed.schema)
    return parsed


def _not_null_name(r: Any) -> str | None:
    """A NOT NULL constraint's name when it is not the one PostgreSQL (18+) would give it."""
    name = r.not_null_name
    return None if name is None or name == not_null_name(r.table_name, r.name) else name


def _column(r: Any) -> m.Column:
    type_ = _column_type(r)
    default = r.default_expr
    identity = None
    generated = None
    if r.identity in ("a", "d"):
        identity = m.Identity(
            kind="always" if r.identity == "a" else "byDefault",
            sequence_name=r.owned_sequence,
            options=sequence_options_from_catalog(r._asdict(), prefix="seq_"),
        )
    elif r.generated in ("s", "v"):  # 'v': VIRTUAL, PostgreSQL 18+
        generated = normalize_stored_expression(default) if default else None
        default = None
    elif (
        default is not None
        and r.owned_sequence
        and (serial := type_.as_serial()) is not None
        and (target := nextval_target(default)) is not None
        and target[1] == r.owned_sequence
    ):
        type_, default = serial, None
    return m.Column(
        name=r.name,
        type=type_,
        not_null=bool(r.not_null),
        not_null_name=_not_null_name(r),
        not_null_not_valid=bool(r.not_null_not_valid),
        default=canonical_default(default, type_) if default is not None else None,
        identity=identity,
        generated=generated,
        generated_virtual=generated is not None and r.generated == "v",
        comment=r.comment or None,
        settings=m.NO_COLUMN_SETTINGS
        if r.statistics is None and r.storage is None and r.compression is None and not r.column_options
        else m.ColumnSettings(
            statistics=r.statistics,
            storage=r.storage,
            compression=r.compression,
            options=tuple(sorted(r.column_options)) if r.column_options else (),
        ),
        collation=collation_sql(*r.collation) if r.collation else None,
        foreign_options=m.options_of(r.foreign_options) if r.foreign_options else (),
    )


def _check_body(definition: str) -> str:
    """``CHECK ((a > 0)) NOT VALID`` -> ``a > 0`` (also ``NO INHERIT`` and, from 18 on, ``NOT ENFORCED``)."""
    body = definition.removeprefix("CHECK ")
    body = body.removesuffix(" NOT VALID").removesuffix(" NOT ENFORCED").removesuffix(" NO INHERIT")
    return normalize_stored_expression(body)


def _constraints(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Each table's constraints, by table: the ``pk`` and the ``fks``, ``uniques``, ``checks`` and
    ``excludes`` lists, as ``_tables`` names them (made before the tables are, in the reading thread)."""
    parts: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["schema"], r["table_name"])
        table = parts.get(key)
        if table is None:
            table = parts[key] = {"pk": None, "fks": [], "uniques": [], "checks": [], "excludes": []}
        columns = tuple(r["columns"])
        kind = r["kind"]
        comment = r["comment"] or None
        deferrable, deferred = bool(r["deferrable"]), bool(r["deferred"])
        if kind == "p":
            table["pk"] = m.PrimaryKey(
                name=r["name"],
                columns=columns,
                deferrable=deferrable,
                initially_deferred=deferred,
                without_overlaps=bool(r["without_overlaps"]),
                comment=comment,
            )
        elif kind == "u":
            table["uniques"].append(
                m.UniqueConstraint(
                    name=r["name"],
                    columns=columns,
                    nulls_not_distinct="NULLS NOT DISTINCT" in r["definition"],
                    deferrable=deferrable,
                    initially_deferred=deferred,
                    without_overlaps=bool(r["without_overlaps"]),
                    comment=comment,
                )
            )
        elif kind == "c":
            table["checks"].append(
                m.CheckConstraint(
                    name=r["name"],
                    expression=_check_body(r["definition"]),
                    not_valid=bool(r["not_valid"]),
                    not_enforced=not r["enforced"],
                    comment=comment,
                )
            )
        elif kind == "x":
            table["excludes"].append(
                m.ExcludeConstraint(
                    name=r["name"],
                    definition=normalize_exclude(r["definition"]),
                    deferrable=deferrable,
                    initially_deferred=deferred,
                    comment=comment,
                )
            )
        elif kind == "f":
            table["fks"].append(
                m.ForeignKey(
                    name=r["name"],
                    columns=columns,
                    ref_schema=r["ref_schema"],
                    ref_table=r["ref_table"],
                    ref_columns=tuple(r["ref_columns"]),
                    on_delete=_ACTIONS[r["on_delete"]],  # type: ignore[arg-type]
                    on_update=_ACTIONS[r["on_update"]],  # type: ignore[arg-type]
                    deferrable=deferrable,
                    initially_deferred=deferred,
                    not_valid=bool(r["not_valid"]),
                    not_enforced=not r["enforced"],
                    comment=comment,
                    match_full=bool(r["match_full"]),
                    on_delete_columns=tuple(r["on_delete_columns"] or ()),
                )
            )
    return parts


def _unquote(identifier: str) -> str:
    if identifier.startswith('"') and identifier.endswith('"'):
        return identifier[1:-1].replace('""', '"')
    return identifier


def _indexes(rows: list[dict[str, Any]]) -> dict[tuple[bool, str, str], list[m.Index]]:
    """Each table's (or, ``on_view`` first in the key, materialized view's) indexes, by its key."""
    parts: dict[tuple[bool, str, str], list[m.Index]] = {}
    for r in rows:
        key_count = r["key_count"]
        keys, is_column = r["keys"], r["is_column"]
        bits = list(r["options_bits"] or [])
        opclasses = list(r["opclasses"] or [])
        statistics = r["key_statistics"] or {}
        # pg_get_indexdef writes COLLATE only where it departs from the key's own collation, so the
        # parser (one parse per index: ~40 ms for 2,000 indexes) is needed only where the word is.
        definition = r["definition"]  # only where a COLLATE may be in it (indexes.sql)
        parsed = index_definition_keys(definition) if definition and "COLLATE" in definition else []
        elements = []
        for position in range(key_count):
            option = bits[position] if position < len(bits) else 0
            descending = bool(option & 1)
            nulls_first = m.nondefault_nulls(bool(option & 2), descending)
            column = is_column[position]
            text = keys[position]
            elements.append(
                m.IndexElement(
                    expression=_unquote(text) if column else normalize_stored_expression(text),
                    is_expression=not column,
                    descending=descending,
                    nulls_first=nulls_first,
                    opclass=opclasses[position] if position < len(opclasses) else None,
                    collation=parsed[position].collation if position < len(parsed) else None,
                    statistics=statistics.get(str(position + 1)),
                )
            )
        include = tuple(_unquote(k) for k in keys[key_count:])
        options = tuple(sorted(tuple(o.split("=", 1)) for o in (r["options"] or ())))
        parts.setdefault((bool(r["on_view"]), r["schema"], r["table_name"]), []).append(
            m.Index(
                name=r["name"],
                elements=tuple(elements),
                unique=bool(r["is_unique"]),
                method=r["method"],
                where=normalize_stored_expression(r["predicate"]) if r["predicate"] else None,
                include=include,
                with_=options,
                nulls_not_distinct=bool(r["nulls_not_distinct"]),
                comment=r["comment"] or None,
            )
        )
    return parts


def _policies(rows: list[dict[str, Any]], tables: dict[tuple[str, str], dict[str, Any]]) -> None:
    for r in rows:
        table = tables.get((r["schema"], r["table_name"]))
        if table is None:
            continue
        table["policies"].append(
            m.Policy(
                name=r["name"],
                permissive=r["permissive"] == "PERMISSIVE",
                command=r["cmd"],
                roles=tuple(r["roles"]),
                using=normalize_stored_expression(r["using_expr"]) if r["using_expr"] else None,
                with_check=normalize_stored_expression(r["with_check"]) if r["with_check"] else None,
                comment=r["comment"] or None,
            )
        )


def _partitions(rows: list[dict[str, Any]], tables: dict[tuple[str, str], dict[str, Any]]) -> None:
    for r in rows:
        table = tables.get((r["parent_schema"], r["parent_name"]))
        if table is None:
            continue
        types = {c.name: c.type for c in table["columns"]}
        table["partitions"].append(
            m.Partition(
                schema=r["schema"],
                name=r["name"],
                bound=normalize_partition_bound(r["bound"]),
                comment=r["comment"] or None,
                defaults=tuple(
                    sorted(
                        (column, canonical_default(expr, types[column]) if expr and column in types else expr)
                        for column, expr in (r["own_defaults"] or {}).items()
                    )
                ),
                checks=tuple(
                    m.CheckConstraint(
                        name=name,
                        expression=_check_body(definition),
                        # pg_get_constraintdef spells NOT ENFORCED alone (such a constraint is never valid)
                        not_valid="NOT VALID" in definition,
                        not_enforced=definition.endswith(" NOT ENFORCED"),
                    )
                    for name, definition in (r["own_checks"] or ())
                ),
                foreign=(
                    m.ForeignTable(r["foreign_server"], m.options_of(r["foreign_options"]))
                    if r["foreign_server"] is not None
                    else None
                ),
            )
        )


_ROUTINE_KINDS = {"f": m.RoutineKind.FUNCTION, "w": m.RoutineKind.FUNCTION, "p": m.RoutineKind.PROCEDURE}


def _function(r: dict[str, Any]) -> m.Function:
    kind = _ROUTINE_KINDS.get(r["kind"], m.RoutineKind.AGGREGATE)
    arguments, identity_args, result = r["arguments"], r["identity_args"], r["result"]
    definition = r["definition"].rstrip("\n")
    if r["arg_names"]:
        # The server quotes a parameter name only if its own version has it as a keyword; respelled for
        # the parser, everywhere the server printed the list (signature, key, RETURNS TABLE, definition).
        names = r["arg_names"]
        modes = r["arg_modes"] or ["i"] * len(names)

        def named(kept: str) -> list[str | None]:
            return [name or None for name, mode in zip(names, modes, strict=True) if mode in kept]

        arguments = parameter_names_quoted(r["arguments"], named("iobv"))
        # a function is identified by its input parameters, a procedure by all (PostgreSQL 14+)
        identity_args = parameter_names_quoted(
            r["identity_args"], named("iobv" if kind is m.RoutineKind.PROCEDURE else "ibv")
        )
        if result and result.startswith("TABLE(") and result.endswith(")"):
            result = f"TABLE({parameter_names_quoted(result[6:-1], named('t'))})"
        if arguments != r["arguments"]:
            definition = definition.replace(f"({r['arguments']})", f"({arguments})", 1)
        if result != r["result"]:
            definition = definition.replace(f" RETURNS {r['result']}", f" RETURNS {result}", 1)
    return m.Function(
        schema=r["schema"],
        name=r["name"],
        kind=kind,
        identity_args=identity_args,
        arguments=arguments,
        result=result,
        definition=definition,
        comment=r["comment"] or None,
    )


def _trigger(r: dict[str, Any]) -> m.Trigger:
    return m.Trigger(
        schema=r["schema"],
        table=r["table_name"],
        name=r["name"],
        definition=r["definition"],
        function=r["function"],
        enabled=r["enabled"],
        comment=r["comment"] or None,
    )
