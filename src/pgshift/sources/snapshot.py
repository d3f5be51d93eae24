"""pgshift's model <-> Drizzle Kit's PostgreSQL snapshot JSON (version 7).

Writing produces what drizzle-kit 0.31 writes for the same schema: the same keys in the same order, the
same spellings (``"schema": ""`` for public tables, single-column primary keys as ``primaryKey: true`` on
the column, numbers and booleans as JSON values in ``default``, every identity/sequence option spelled out
as a decimal string). Reading accepts drizzle-kit's own snapshots and normalises them into the same model
that the equivalent SQLAlchemy code produces (qualifiers stripped from expressions, Drizzle's default
constraint names kept as the names they are). Model fields Drizzle has no key for (comments, deferrable
foreign keys, INCLUDE, ...) are kept under the snapshot's top-level ``"pgshift"`` key, written only when not
default: drizzle-kit's entries for tables, columns, indexes, foreign keys, unique and check constraints,
policies, enums, sequences and views are strict (``drizzle-kit check`` calls a snapshot with an unknown key
in them malformed), while unknown top-level keys are accepted. See ``_lift_extras``.

SQL text is written in pgshift's normal form, except where the previous snapshot spells the same thing
differently (``model_to_snapshot(..., previous=...)``, see ``_keep_tables_spelling``): drizzle-kit compares text
verbatim, so keeping its spelling is what lets drizzle-kit and pgshift take turns on one folder.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from pgshift.errors import FolderError
from pgshift.format.drizzle import DIALECT, SNAPSHOT_VERSION, read_json, to_json
from pgshift.gcpause import pausing_gc
from pgshift.model import schema as m
from pgshift.model.clauses import normalize_exclude, normalize_partition_bound, normalize_partition_key
from pgshift.model.types import (
    SqlType,
    canonical_default,
    normalize_view_definition,
    strip_table_qualifier,
)
from pgshift.pg.naming import owned_sequence_name
from pgshift.sources.kinds import SOURCE_KINDS
from pgshift.sources.kinds.foreign import checked_options
from pgshift.sources.snapshot_fields import (
    PUBLIC,
    pgshift_extra,
    sequence_options_in,
    sequence_options_out,
    with_extras,
)

EMPTY_ID = "00000000-0000-0000-0000-000000000000"


def new_snapshot_id() -> str:
    return str(uuid.uuid4())


def snapshot_json(data: dict[str, Any]) -> str:
    return to_json(data)


# -- writing ---------------------------------------------------------------------------------------


def model_to_snapshot(
    model: m.Model,
    *,
    id: str,
    prev_id: str,
    previous: dict[str, Any] | None = None,
    tables: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The snapshot dict for ``model``, chained to ``prev_id``.

    ``previous`` (the snapshot this one follows) keeps its SQL text where it means the same thing: see
    ``_keep_tables_spelling``. ``tables``, when given, is the ``"tables"`` section ``snapshot_tables(model,
    previous)`` already wrote (generate writes it first to compare it with the previous snapshot)."""
    data = _snapshot_out(model, id=id, prev_id=prev_id, tables=tables)
    if previous:
        _keep_views_spelling(data, previous)
        if tables is None:
            _keep_tables_spelling(data["tables"], previous)
    return data


def snapshot_tables(model: m.Model, previous: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The ``"tables"`` section of ``model``'s snapshot, spelled as ``previous`` where it means the same."""
    tables = {t.key: _table_out(t) for t in model.tables}
    if previous:
        _keep_tables_spelling(tables, previous)
    return tables


def _snapshot_out(
    model: m.Model, *, id: str, prev_id: str, tables: dict[str, dict[str, Any]] | None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": id,
        "prevId": prev_id,
        "version": SNAPSHOT_VERSION,
        "dialect": DIALECT,
        "tables": tables if tables is not None else {t.key: _table_out(t) for t in model.tables},
        "enums": {},
        "schemas": {s: s for s in model.schemas},
        "sequences": {},
        "roles": {},
        "policies": {},
        "views": {},
        "_meta": {"columns": {}, "schemas": {}, "tables": {}},
    }
    objects = _objects_out(model)
    out["tables"], table_extras = _lift_table_extras(out["tables"])
    for kind in SOURCE_KINDS:  # each into its section, in drizzle-kit's key order above
        entries = {obj.key: kind.write_snapshot(obj) for obj in getattr(model, kind.collection)}
        if not kind.extension:
            out[kind.section], lifted = _lift_entry_extras(entries)
            if lifted:
                objects[_LIFTED_SECTIONS[kind.section]] = lifted
        elif entries:
            objects[kind.section] = entries
    if table_extras:
        objects["tableExtras"] = table_extras
    if objects:
        out["pgshift"] = objects  # kinds Drizzle has no key for; drizzle-kit drops unknown keys
    return out


# Lifting extras out of Drizzle's entries. The writers below put a model field Drizzle has no key for under
# a "pgshift" key of the entry it belongs to (``with_extras``): that is the form generate compares with the
# previous snapshot (``snapshot_tables``, ``written_tables``). drizzle-kit 0.31's validation of a snapshot is
# strict for the entries of tables, columns, indexes, foreign keys, unique and check constraints, policies,
# enums and sequences (an unknown key makes ``drizzle-kit check`` call the file malformed; probed with each),
# and accepts unknown keys at the top level, in an identity and in an index's column element. So the file
# keeps the extras of the strict entries under the top-level "pgshift" key: ``tableExtras`` (per table key,
# the table's own extras plus, per part, its members' extras), ``enumExtras`` and ``sequenceExtras`` (per
# key). An index element's COLLATE stays in the element, which drizzle-kit accepts. Reading puts them back
# into the entries (``_with_table_extras``, ``_with_entry_extras``), so generate's comparison of a previous
# entry with the written one (``_table_in_or_known``) covers its extras too. An entry's own "pgshift" key,
# where earlier pgshift versions wrote the extras, is still read (the top level wins where both hold one).

_TABLE_PARTS = ("columns", "indexes", "foreignKeys", "uniqueConstraints", "checkConstraints", "policies")
"""The parts of a table entry whose members are strict entries (Drizzle's keys, in tableExtras too)."""

_LIFTED_SECTIONS = {"enums": "enumExtras", "sequences": "sequenceExtras", "views": "viewExtras"}
"""Where the extras of a Drizzle section's entries go under the top-level "pgshift" key. Views write none
into their entries (``_view_extras_out`` writes ``viewExtras`` itself), so nothing is lifted from them."""


def _lift_entry_extras(
    entries: dict[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """``entries`` without their "pgshift" keys, and those keys' values by entry name (the input is not
    changed: generate keeps comparing the written entries)."""
    clean, lifted = {}, {}
    for name, entry in entries.items():
        if "pgshift" in entry:
            entry = dict(entry)
            lifted[name] = entry.pop("pgshift")
        clean[name] = entry
    return clean, lifted


def _lift_table_extras(
    tables: dict[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """The ``"tables"`` section as drizzle-kit accepts it and the ``tableExtras`` taken out of it."""
    clean, lifted = {}, {}
    for key, table in tables.items():
        out, extras = _lift_entry_extras({"": table})
        entry, own = out[""], dict(extras.get("", {}))
        for part in _TABLE_PARTS:
            members, part_extras = _lift_entry_extras(entry.get(part) or {})
            if part_extras:
                entry = {**entry, part: members}
                own[part] = part_extras
        clean[key] = entry
        if own:
            lifted[key] = own
    return clean, lifted


# Keeping the previous snapshot's spelling: SQL text (CHECK bodies, index expressions and predicates,
# generated columns, defaults, policy clauses, view definitions) is taken from ``previous`` wherever the two
# normalise to the same thing. pgshift writes expressions in its normal form; drizzle-kit writes them as the
# TypeScript spelled them (``"users"."age" >= 0``) and compares snapshot text verbatim. Without this,
# drizzle-kit run after pgshift on the same folder would see every such object as changed and drop and
# re-create it. Only spelling moves: the result reads back (``snapshot_to_model``) as exactly the model it
# came from. The entries are changed in place.


def _keep_tables_spelling(tables: dict[str, Any], previous: dict[str, Any]) -> None:
    old_tables = previous.get("tables")
    old_tables = old_tables if isinstance(old_tables, dict) else {}
    for key, table in tables.items():
        old = old_tables.get(key)
        if isinstance(old, dict) and old != table:  # (equal: nothing to take; most tables, most times)
            try:
                _keep_table_spelling(table, old)
            except (KeyError, TypeError, AttributeError, IndexError):
                continue  # a malformed previous table only means its spelling is not reused


def _keep_views_spelling(data: dict[str, Any], previous: dict[str, Any]) -> None:
    old_views = previous.get("views")
    old_views = old_views if isinstance(old_views, dict) else {}
    for key, view in data["views"].items():
        old = old_views.get(key)
        if (
            isinstance(old, dict)
            and isinstance(old.get("definition"), str)
            and normalize_view_definition(old["definition"]) == normalize_view_definition(view["definition"])
        ):
            view["definition"] = old["definition"]
            if isinstance(old.get("columns"), dict) and not view.get("columns"):
                view["columns"] = copy.deepcopy(old["columns"])  # drizzle's record of the output columns


def _keep_table_spelling(table: dict[str, Any], old: dict[str, Any]) -> None:
    name = table["name"]

    def same(a: Any, b: Any) -> bool:
        return (
            isinstance(a, str)
            and isinstance(b, str)
            and strip_table_qualifier(a, name) == strip_table_qualifier(b, name)
        )

    for col_name, col in table["columns"].items():
        was = old.get("columns", {}).get(col_name)
        if not isinstance(was, dict):
            continue
        type_ = _type_in(col)
        if (
            was.get("type") == col.get("type")
            and "default" in col
            and "default" in was
            and _default_in(was["default"], type_) == _default_in(col["default"], type_)
        ):
            col["default"] = was["default"]
        generated = was.get("generated")
        if (
            col.get("generated")
            and isinstance(generated, dict)
            and same(generated.get("as"), col["generated"]["as"])
        ):
            col["generated"]["as"] = generated["as"]
    for check_name, check in table["checkConstraints"].items():
        was = old.get("checkConstraints", {}).get(check_name)
        if isinstance(was, dict) and same(was.get("value"), check["value"]):
            check["value"] = was["value"]
    for index_name, index in table["indexes"].items():
        was = old.get("indexes", {}).get(index_name)
        if not isinstance(was, dict):
            continue
        if "where" in index and same(was.get("where"), index["where"]):
            index["where"] = was["where"]
        if len(was.get("columns", ())) == len(index["columns"]):
            for element, old_element in zip(index["columns"], was["columns"], strict=True):
                expression = old_element.get("expression")
                if (
                    element["isExpression"]
                    and old_element.get("isExpression")
                    and same(expression, element["expression"])
                ):
                    element["expression"] = expression
    for policy_name, policy in table["policies"].items():
        was = old.get("policies", {}).get(policy_name)
        if not isinstance(was, dict):
            continue
        for clause in ("using", "withCheck"):
            if clause in policy and same(was.get(clause), policy[clause]):
                policy[clause] = was[clause]


def _default_out(column: m.Column) -> Any:
    value = column.default
    if value is None:
        return None
    base = column.type.name if not column.type.array_dims else None
    if base in ("smallint", "integer", "bigint", "real", "double precision") and _is_int_or_float(value):
        number = float(value)
        return (
            int(number) if number.is_integer() and "." not in value and "e" not in value.lower() else number
        )
    if base == "boolean" and value in ("true", "false"):
        return value == "true"
    # Drizzle's own spellings, so drizzle-kit reading this snapshot sees its schema unchanged: numeric
    # values are strings in Drizzle ('0'), JSON defaults carry their cast ('[]'::jsonb).
    if base == "numeric" and _is_int_or_float(value):
        return f"'{value}'"
    if base in ("json", "jsonb") and value.startswith("'") and value.endswith("'"):
        return f"{value}::{base}"
    return value


def _is_int_or_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _column_out(table: m.Table, column: m.Column) -> dict[str, Any]:
    pk = table.primary_key
    single_pk = pk is not None and pk.columns == (column.name,) and pk.name == f"{table.name}_pkey"
    # a type without typeSchema is read back with SqlType.parse, which folds case like Postgres: a domain
    # named "Flag" is written with its quotes (its DDL text), any other type as spelled
    spelled = column.type.spelling if column.type.schema is not None else column.type.sql
    out: dict[str, Any] = {"name": column.name, "type": spelled}
    if column.type.schema is not None:
        out["typeSchema"] = column.type.schema
    out["primaryKey"] = single_pk
    out["notNull"] = column.not_null
    default = _default_out(column)
    if default is not None:
        out["default"] = default
    if column.generated is not None:
        out["generated"] = {
            "as": column.generated,
            "type": "virtual" if column.generated_virtual else "stored",
        }
    if column.identity is not None:
        ident = column.identity
        out["identity"] = {
            "type": ident.kind,
            "name": ident.sequence_name or owned_sequence_name(table.name, column.name),
            "schema": table.schema,
            **sequence_options_out(ident.options, column.type.spelling),
        }
    settings = column.settings
    if (
        settings == m.NO_COLUMN_SETTINGS
        and column.comment is None
        and column.collation is None
        and not column.foreign_options
        and not (column.not_null and (column.not_null_name or column.not_null_not_valid))
    ):
        return out  # nothing of pgshift's own (most columns): what with_extras below would give
    return with_extras(
        out,
        comment=column.comment,
        notNullName=column.not_null_name if column.not_null else None,
        notNullNotValid=column.not_null and column.not_null_not_valid,
        statistics=settings.statistics,
        storage=settings.storage,
        compression=settings.compression,
        options=list(settings.options),
        collation=column.collation,
        foreignOptions=dict(column.foreign_options),
    )


def _index_out(index: m.Index) -> dict[str, Any]:
    columns = []
    for el in index.elements:
        # drizzle-kit writes an expression element's keys in another order than a column's.
        col: dict[str, Any] = {"expression": el.expression}
        if el.is_expression:
            col.update(asc=not el.descending, isExpression=True)
        else:
            col.update(isExpression=False, asc=not el.descending)
        col["nulls"] = "first" if el.sorts_nulls_first else "last"
        if el.opclass:
            col["opclass"] = el.opclass
        columns.append(with_extras(col, collation=el.collation, statistics=el.statistics))
    out: dict[str, Any] = {"name": index.name, "columns": columns, "isUnique": index.unique}
    if index.where is not None:
        out["where"] = index.where
    out.update(concurrently=index.concurrently, method=index.method, **{"with": dict(index.with_)})
    return with_extras(
        out, include=list(index.include), nullsNotDistinct=index.nulls_not_distinct, comment=index.comment
    )


def _foreign_out(foreign: m.ForeignTable | None) -> dict[str, Any] | None:
    """A foreign table's ``pgshift.foreign``: ``{"server": ..., "options": {...}}`` (None otherwise)."""
    if foreign is None:
        return None
    out: dict[str, Any] = {"server": foreign.server}
    if foreign.options:
        out["options"] = dict(foreign.options)
    return out


def _foreign_in(raw: Any, owner: str) -> m.ForeignTable | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("server"), str):
        raise ValueError(f"{owner}: 'pgshift.foreign' must be an object with a server")
    return m.ForeignTable(raw["server"], checked_options(raw.get("options"), owner))


def _table_out(table: m.Table) -> dict[str, Any]:
    pk = table.primary_key
    composite = {}
    if pk is not None and not (len(pk.columns) == 1 and pk.name == f"{table.name}_pkey"):
        composite[pk.name] = {"name": pk.name, "columns": list(pk.columns)}
    out = {
        "name": table.name,
        "schema": "" if table.schema == PUBLIC else table.schema,
        "columns": {c.name: _column_out(table, c) for c in table.columns},
        "indexes": {i.name: _index_out(i) for i in table.indexes},
        "foreignKeys": {fk.name: _fk_out(table, fk) for fk in table.foreign_keys},
        "compositePrimaryKeys": composite,
        "uniqueConstraints": {
            u.name: with_extras(
                {"name": u.name, "nullsNotDistinct": u.nulls_not_distinct, "columns": list(u.columns)},
                deferrable=u.deferrable,
                initiallyDeferred=u.initially_deferred,
                withoutOverlaps=u.without_overlaps,
                comment=u.comment,
            )
            for u in table.unique_constraints
        },
        "policies": {p.name: _policy_out(p) for p in table.policies},
        "checkConstraints": {
            c.name: with_extras(
                {"name": c.name, "value": c.expression},
                notValid=c.not_valid,
                notEnforced=c.not_enforced,
                comment=c.comment,
            )
            for c in table.check_constraints
        },
        "isRLSEnabled": table.rls_enabled,
    }
    return with_extras(
        out,
        comment=table.comment,
        primaryKeyDeferrable=pk is not None and pk.deferrable,
        primaryKeyInitiallyDeferred=pk is not None and pk.initially_deferred,
        primaryKeyComment=pk.comment if pk is not None else None,
        primaryKeyWithoutOverlaps=pk is not None and pk.without_overlaps,
        unlogged=table.unlogged,
        partitionBy=table.partition_by,
        storageParameters=list(table.storage_parameters),
        clusteredOn=table.clustered_on,
        accessMethod=table.access_method,
        foreign=_foreign_out(table.foreign),
        partitions=[
            {
                "schema": p.schema,
                "name": p.name,
                "bound": p.bound,
                **({"comment": p.comment} if p.comment else {}),
                **({"defaults": dict(p.defaults)} if p.defaults else {}),
                **({"checks": {c.name: c.expression for c in p.checks}} if p.checks else {}),
                **({"foreign": _foreign_out(p.foreign)} if p.foreign else {}),
                **(
                    {"checksNotEnforced": unenforced}
                    if (unenforced := [c.name for c in p.checks if c.not_enforced])
                    else {}
                ),
            }
            for p in table.partitions
        ],
        inherits=list(table.inherits),
        excludeConstraints={
            x.name: {
                "name": x.name,
                "definition": x.definition,
                "deferrable": x.deferrable,
                "initiallyDeferred": x.initially_deferred,
                **({"comment": x.comment} if x.comment else {}),
            }
            for x in table.exclude_constraints
        },
    )


def _fk_out(table: m.Table, fk: m.ForeignKey) -> dict[str, Any]:
    out: dict[str, Any] = {"name": fk.name, "tableFrom": table.name, "tableTo": fk.ref_table}
    if fk.ref_schema != PUBLIC:
        out["schemaTo"] = fk.ref_schema
    out.update(
        columnsFrom=list(fk.columns),
        columnsTo=list(fk.ref_columns),
        onDelete=fk.on_delete,
        onUpdate=fk.on_update,
    )
    return with_extras(
        out,
        deferrable=fk.deferrable,
        initiallyDeferred=fk.initially_deferred,
        notValid=fk.not_valid,
        notEnforced=fk.not_enforced,
        comment=fk.comment,
        matchFull=fk.match_full,
        onDeleteColumns=list(fk.on_delete_columns),
    )


def _policy_out(policy: m.Policy) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": policy.name,
        "as": "PERMISSIVE" if policy.permissive else "RESTRICTIVE",
        "for": policy.command,
        "to": list(policy.roles),
    }
    if policy.using is not None:
        out["using"] = policy.using
    if policy.with_check is not None:
        out["withCheck"] = policy.with_check
    return with_extras(out, comment=policy.comment)


# -- reading ---------------------------------------------------------------------------------------


def read_snapshot(path: Path) -> tuple[dict[str, Any], m.Model]:
    """A snapshot file's data and its model; FolderError (naming the file) when it is not readable."""
    data = read_json(path)
    return data, snapshot_to_model(data, where=str(path))


Written = dict[str, tuple[dict[str, Any], m.Table]]
"""Per table key, the entry the writer produced for a table (``snapshot_tables``) and that table."""


def written_tables(model: m.Model, entries: dict[str, dict[str, Any]]) -> Written:
    """``model``'s tables paired with the entries ``snapshot_tables(model, ...)`` wrote for them."""
    return {t.key: (entries[t.key], t) for t in model.tables}


@pausing_gc
def snapshot_to_model(data: Any, *, where: str, written: Written | None = None) -> m.Model:
    """Validate a snapshot dict and convert it to a Model. Every problem names ``where``.

    ``written`` (``written_tables``) lets a table whose entry is exactly what the writer wrote for a known
    table be that table instead of being read again: reading is lossless (``_table_in(_table_out(t)) ==
    t``, tested over every case), so the result is the same model, and a generate on a large schema reads
    only the tables that changed (and the differ compares the rest by identity)."""
    if not isinstance(data, dict):
        raise FolderError("a snapshot must be a JSON object", where=where)
    version = str(data.get("version", ""))
    if version != SNAPSHOT_VERSION:
        newer = version.isdigit() and int(version) > int(SNAPSHOT_VERSION)
        raise FolderError(
            f"snapshot version {version!r} is not supported (pgshift reads version {SNAPSHOT_VERSION})",
            where=where,
            hint="upgrade pgshift" if newer else "upgrade the folder with `drizzle-kit up` first",
        )
    if data.get("dialect") != DIALECT:
        raise FolderError(f"snapshot dialect is {data.get('dialect')!r}, not {DIALECT!r}", where=where)
    for key in ("id", "prevId"):
        if not isinstance(data.get(key), str):
            raise FolderError(f"snapshot has no {key!r} string", where=where)
    try:
        extension = data.get("pgshift") or {}
        if not isinstance(extension, dict):
            raise ValueError("the 'pgshift' key must be an object")
        entries = _with_table_extras(_section(data, "tables", where), extension)
        tables = [_table_in_or_known(key, raw, written) for key, raw in entries.items()]
        keyed = {
            kind.collection: [
                kind.read_snapshot(raw)
                for raw in (
                    _section(extension, kind.section, where)
                    if kind.extension
                    else _with_entry_extras(_section(data, kind.section, where), extension, kind.section)
                ).values()
            ]
            for kind in SOURCE_KINDS
        }
        keyed["views"] = _with_view_extras(keyed["views"], extension)
        schemas = list(_section(data, "schemas", where).values())
        functions, triggers, rules, defined = _objects_in(data.get("pgshift"))
        schema_comments = _schema_comments_in(data.get("pgshift"))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise FolderError(
            f"snapshot is malformed ({detail})",
            where=where,
            hint="restore it from version control; a hand-edited snapshot makes the next diff wrong",
        ) from None
    return m.build_model(
        schemas=schemas,
        tables=tables,
        functions=functions,
        triggers=triggers,
        rules=rules,
        defined=defined,
        schema_comments=schema_comments,
        **keyed,
    )


def table_entries(data: dict[str, Any]) -> dict[str, Any]:
    """A snapshot's table entries as the writer made them (``snapshot_tables``): with the extras the file
    keeps under ``pgshift.tableExtras`` put back, so they compare with ``written_tables``' entries."""
    extension = data.get("pgshift") or {}
    return _with_table_extras(data.get("tables") or {}, extension if isinstance(extension, dict) else {})


def _extras_section(extension: dict[str, Any], key: str) -> dict[str, Any]:
    value = extension.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"'pgshift.{key}' must be an object")
    return value


def _with_extras_back(entry: Any, extras: Any) -> Any:
    """``entry`` (a copy) with ``extras`` over its own "pgshift" key, as the writers made it."""
    if not extras:
        return entry
    if not isinstance(extras, dict) or not isinstance(entry, dict):
        raise ValueError("pgshift's extras of an entry must be an object")
    own = entry.get("pgshift")
    return {**entry, "pgshift": {**(own if isinstance(own, dict) else {}), **extras}}


def _with_entry_extras(entries: dict[str, Any], extension: dict[str, Any], section: str) -> dict[str, Any]:
    """A section's entries with the extras lifted from them (``_lift_entry_extras``) put back."""
    if section not in _LIFTED_SECTIONS or section == "views":  # views: ``_with_view_extras``
        return entries
    extras = _extras_section(extension, _LIFTED_SECTIONS[section])
    return {key: _with_extras_back(raw, extras.get(key)) for key, raw in entries.items()}


def _with_table_extras(tables: dict[str, Any], extension: dict[str, Any]) -> dict[str, Any]:
    """The table entries as the writer made them (``snapshot_tables``): ``tableExtras`` put back into
    the entries and their parts' members. Extras of a member the entry no longer has (a hand edit, a
    rebase's merge) are dropped with it."""
    extras = _extras_section(extension, "tableExtras")
    if not extras:
        return tables
    out = {}
    for key, raw in tables.items():
        own = extras.get(key)
        if not own:
            out[key] = raw
            continue
        if not isinstance(own, dict):
            raise ValueError(f"'pgshift.tableExtras' of {key} must be an object")
        entry = _with_extras_back(raw, {k: v for k, v in own.items() if k not in _TABLE_PARTS})
        for part in _TABLE_PARTS:
            if own.get(part):
                members = entry.get(part) or {}
                entry = {
                    **entry,
                    part: {name: _with_extras_back(m_, own[part].get(name)) for name, m_ in members.items()},
                }
        out[key] = entry
    return out


def _section(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise FolderError(f"snapshot key {key!r} must be an object", where=where)
    return value


def _default_in(value: Any, type_: SqlType) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return canonical_default(str(value), type_)


def _type_in(raw: dict[str, Any]) -> SqlType:
    """An enum's type is its name as Drizzle wrote it (with ``typeSchema``); any other is normalised."""
    type_ = raw["type"]
    schema = raw.get("typeSchema")
    if schema:
        return SqlType.of(type_, schema)
    return SqlType.parse(type_)


def _table_in_or_known(key: str, raw: Any, written: Written | None) -> m.Table:
    known = written.get(key) if written else None
    if known is not None and known[0] == raw:
        return known[1]
    return _table_in(key, raw)


def _table_in(key: str, raw: dict[str, Any]) -> m.Table:
    name = raw["name"]
    schema = raw.get("schema") or PUBLIC
    columns, pk_columns, uniques = [], [], []
    for col in raw.get("columns", {}).values():
        type_ = _type_in(col)
        identity = None
        if col.get("identity"):
            ident = col["identity"]
            identity = m.Identity(
                kind="always" if ident.get("type") == "always" else "byDefault",
                sequence_name=ident.get("name"),
                options=sequence_options_in(ident),
            )
        generated = col.get("generated")
        columns.append(
            m.Column(
                name=col["name"],
                type=type_,
                not_null=bool(col.get("notNull")) or bool(col.get("primaryKey")),
                not_null_name=pgshift_extra(col, "notNullName"),
                not_null_not_valid=bool(pgshift_extra(col, "notNullNotValid")),
                default=_default_in(col.get("default"), type_),
                identity=identity,
                generated=strip_table_qualifier(generated["as"], name) if generated else None,
                generated_virtual=bool(generated) and generated.get("type") == "virtual",
                comment=pgshift_extra(col, "comment"),
                settings=m.ColumnSettings(
                    statistics=pgshift_extra(col, "statistics"),
                    storage=pgshift_extra(col, "storage"),
                    compression=pgshift_extra(col, "compression"),
                    options=tuple(pgshift_extra(col, "options") or ()),
                ),
                collation=pgshift_extra(col, "collation"),
                foreign_options=checked_options(
                    pgshift_extra(col, "foreignOptions"), f"column {schema}.{name}.{col['name']}"
                ),
            )
        )
        if col.get("primaryKey"):
            pk_columns.append(col["name"])
        if col.get("isUnique"):
            uniques.append(
                m.UniqueConstraint(
                    name=col.get("uniqueName") or f"{name}_{col['name']}_unique",
                    columns=(col["name"],),
                    nulls_not_distinct=bool(col.get("nullsNotDistinct")),
                )
            )
    deferral = {
        "deferrable": bool(pgshift_extra(raw, "primaryKeyDeferrable")),
        "initially_deferred": bool(pgshift_extra(raw, "primaryKeyInitiallyDeferred")),
        "comment": pgshift_extra(raw, "primaryKeyComment"),
        "without_overlaps": bool(pgshift_extra(raw, "primaryKeyWithoutOverlaps")),
    }
    pk = m.PrimaryKey(name=f"{name}_pkey", columns=tuple(pk_columns), **deferral) if pk_columns else None
    for cpk in raw.get("compositePrimaryKeys", {}).values():
        pk = m.PrimaryKey(name=cpk["name"], columns=tuple(cpk["columns"]), **deferral)
    uniques += [
        m.UniqueConstraint(
            name=u["name"],
            columns=tuple(u["columns"]),
            nulls_not_distinct=bool(u.get("nullsNotDistinct")),
            deferrable=bool(pgshift_extra(u, "deferrable")),
            initially_deferred=bool(pgshift_extra(u, "initiallyDeferred")),
            without_overlaps=bool(pgshift_extra(u, "withoutOverlaps")),
            comment=pgshift_extra(u, "comment"),
        )
        for u in raw.get("uniqueConstraints", {}).values()
    ]
    return m.Table(
        schema=schema,
        name=name,
        columns=tuple(columns),
        primary_key=pk,
        foreign_keys=tuple(_fk_in(fk) for fk in raw.get("foreignKeys", {}).values()),
        unique_constraints=tuple(uniques),
        check_constraints=tuple(
            m.CheckConstraint(
                name=c["name"],
                expression=strip_table_qualifier(c["value"], name),
                not_valid=bool(pgshift_extra(c, "notValid")),
                not_enforced=bool(pgshift_extra(c, "notEnforced")),
                comment=pgshift_extra(c, "comment"),
            )
            for c in raw.get("checkConstraints", {}).values()
        ),
        indexes=tuple(_index_in(i, name) for i in raw.get("indexes", {}).values()),
        policies=tuple(_policy_in(p, name) for p in raw.get("policies", {}).values()),
        rls_enabled=bool(raw.get("isRLSEnabled")),
        comment=pgshift_extra(raw, "comment"),
        exclude_constraints=tuple(
            m.ExcludeConstraint(
                name=x["name"],
                definition=normalize_exclude(x["definition"]),
                deferrable=bool(x.get("deferrable")),
                initially_deferred=bool(x.get("initiallyDeferred")),
                comment=x.get("comment"),
            )
            for x in (pgshift_extra(raw, "excludeConstraints") or {}).values()
        ),
        unlogged=bool(pgshift_extra(raw, "unlogged")),
        storage_parameters=tuple(pgshift_extra(raw, "storageParameters") or ()),
        clustered_on=pgshift_extra(raw, "clusteredOn"),
        access_method=pgshift_extra(raw, "accessMethod"),
        foreign=_foreign_in(pgshift_extra(raw, "foreign"), f"foreign table {schema}.{name}"),
        partition_by=normalize_partition_key(by) if (by := pgshift_extra(raw, "partitionBy")) else None,
        partitions=tuple(
            m.Partition(
                schema=p["schema"],
                name=p["name"],
                bound=normalize_partition_bound(p["bound"]),
                comment=p.get("comment"),
                defaults=tuple(sorted((p.get("defaults") or {}).items())),
                checks=tuple(
                    m.CheckConstraint(
                        name=k, expression=v, not_enforced=k in (p.get("checksNotEnforced") or ())
                    )
                    for k, v in sorted((p.get("checks") or {}).items())
                ),
                foreign=_foreign_in(p.get("foreign"), f"foreign partition {p['schema']}.{p['name']}"),
            )
            for p in (pgshift_extra(raw, "partitions") or ())
        ),
        inherits=tuple(pgshift_extra(raw, "inherits") or ()),
    )


_ACTIONS: dict[str, m.ReferentialAction] = {
    a: a for a in ("no action", "restrict", "cascade", "set null", "set default")
}


def _referential_action(raw: Any) -> m.ReferentialAction:
    """drizzle-kit's ``onDelete``/``onUpdate`` (any case; absent means no action)."""
    text = str(raw or "no action").lower()
    if text not in _ACTIONS:
        raise ValueError(f"unknown referential action {raw!r}")  # reported as a malformed snapshot
    return _ACTIONS[text]


def _fk_in(raw: dict[str, Any]) -> m.ForeignKey:
    return m.ForeignKey(
        name=raw["name"],
        columns=tuple(raw["columnsFrom"]),
        ref_schema=raw.get("schemaTo") or PUBLIC,
        ref_table=raw["tableTo"],
        ref_columns=tuple(raw["columnsTo"]),
        on_delete=_referential_action(raw.get("onDelete")),
        on_update=_referential_action(raw.get("onUpdate")),
        deferrable=bool(pgshift_extra(raw, "deferrable", False)),
        initially_deferred=bool(pgshift_extra(raw, "initiallyDeferred", False)),
        not_valid=bool(pgshift_extra(raw, "notValid", False)),
        not_enforced=bool(pgshift_extra(raw, "notEnforced", False)),
        comment=pgshift_extra(raw, "comment"),
        match_full=bool(pgshift_extra(raw, "matchFull", False)),
        on_delete_columns=tuple(pgshift_extra(raw, "onDeleteColumns") or ()),
    )


def _index_in(raw: dict[str, Any], table: str) -> m.Index:
    elements = []
    for col in raw["columns"]:
        descending = not col.get("asc", True)
        nulls = col.get("nulls")
        nulls_first = m.nondefault_nulls(None if nulls is None else nulls == "first", descending)
        is_expr = bool(col.get("isExpression"))
        expression = strip_table_qualifier(col["expression"], table) if is_expr else col["expression"]
        elements.append(
            m.IndexElement(
                expression=expression,
                is_expression=is_expr,
                descending=descending,
                nulls_first=nulls_first,
                opclass=col.get("opclass") or None,
                collation=pgshift_extra(col, "collation"),
                statistics=pgshift_extra(col, "statistics"),
            )
        )
    where = raw.get("where")
    return m.Index(
        name=raw["name"],
        elements=tuple(elements),
        unique=bool(raw.get("isUnique")),
        method=(raw.get("method") or "btree").lower(),
        where=strip_table_qualifier(where, table) if where else None,
        include=tuple(pgshift_extra(raw, "include", ())),
        with_=tuple(sorted((str(k), str(v)) for k, v in (raw.get("with") or {}).items())),
        nulls_not_distinct=bool(pgshift_extra(raw, "nullsNotDistinct", False)),
        concurrently=bool(raw.get("concurrently")),
        comment=pgshift_extra(raw, "comment"),
    )


def _policy_in(raw: dict[str, Any], table: str) -> m.Policy:
    using, with_check = raw.get("using"), raw.get("withCheck")
    return m.Policy(
        name=raw["name"],
        permissive=raw.get("as", "PERMISSIVE") == "PERMISSIVE",
        command=raw.get("for", "ALL"),
        roles=tuple(raw.get("to") or ("public",)),
        # drizzle writes ``"users"."owner_id" = current_setting(...)``: normalised like every expression
        using=strip_table_qualifier(using, table) if using else None,
        with_check=strip_table_qualifier(with_check, table) if with_check else None,
        comment=pgshift_extra(raw, "comment"),
    )


# -- kinds under the top-level "pgshift" key: functions, triggers, rules, types ------------------------------


def _schema_comments_in(raw: Any) -> list[tuple[str, str | None]]:
    comments = raw.get("schemaComments", {}) if isinstance(raw, dict) else {}
    if not isinstance(comments, dict):
        raise ValueError("'pgshift.schemaComments' must be an object")
    return [(str(k), None if v is None else str(v)) for k, v in comments.items()]


def _objects_out(model: m.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if model.schema_comments:  # Drizzle's "schemas" entry is the bare name: no room for a comment
        out["schemaComments"] = dict(model.schema_comments)
    if model.functions:
        out["functions"] = {
            f.key: _without_none(
                {
                    "schema": f.schema,
                    "name": f.name,
                    "kind": f.kind.value,
                    "identityArguments": f.identity_args,
                    "arguments": f.arguments,
                    "result": f.result,
                    "definition": f.definition,
                    "comment": f.comment,
                }
            )
            for f in model.functions
        }
    if model.triggers:
        out["triggers"] = {
            t.key: _without_none(
                {
                    "schema": t.schema,
                    "table": t.table,
                    "name": t.name,
                    "definition": t.definition,
                    "function": t.function,
                    "enabled": t.enabled,
                    "comment": t.comment,
                }
            )
            for t in model.triggers
        }
    if model.rules:
        out["rules"] = {
            r.key: _without_none(
                {
                    "schema": r.schema,
                    "table": r.table,
                    "name": r.name,
                    "definition": r.definition,
                    "comment": r.comment,
                }
            )
            for r in model.rules
        }
    view_extras = {v.key: extras for v in model.views if (extras := _view_extras_out(v))}
    if view_extras:  # drizzle-kit's "views" entry rejects keys it does not know
        out["viewExtras"] = view_extras
    if model.defined:
        out["objects"] = {
            o.key: _without_none(
                {
                    "kind": o.kind.value,
                    "schema": o.schema,
                    "name": o.name,
                    "definition": o.definition,
                    "comment": o.comment,
                    "partComments": dict(o.part_comments) or None,
                }
            )
            for o in model.defined
        }
    return out


def _view_extras_out(view: m.View) -> dict[str, Any]:
    """What a view has beyond Drizzle's entry: a materialized view's indexes (Drizzle's index entries),
    its comment, its columns' comments and a view's column defaults."""
    out: dict[str, Any] = {}
    if view.indexes:
        out["indexes"] = {i.name: _index_out(i) for i in view.indexes}
    if view.comment is not None:
        out["comment"] = view.comment
    if view.column_comments:
        out["columnComments"] = dict(view.column_comments)
    if view.clustered_on is not None:
        out["clusteredOn"] = view.clustered_on
    if view.column_defaults:
        out["columnDefaults"] = dict(view.column_defaults)
    return out


def _with_view_extras(views: list[m.View], raw: Any) -> list[m.View]:
    """``views`` with the extras ``pgshift.viewExtras`` keeps for them (see ``_view_extras_out``)."""
    extras = raw.get("viewExtras", {}) if isinstance(raw, dict) else {}
    if not isinstance(extras, dict):
        raise ValueError("'pgshift.viewExtras' must be an object")
    out = []
    for view in views:
        own = extras.get(view.key) or {}
        out.append(
            replace(
                view,
                indexes=tuple(_index_in(i, view.name) for i in (own.get("indexes") or {}).values()),
                comment=own.get("comment"),
                column_comments=tuple((str(c), str(t)) for c, t in (own.get("columnComments") or {}).items()),
                clustered_on=str(own["clusteredOn"]) if own.get("clusteredOn") else None,
                column_defaults=tuple((str(c), str(e)) for c, e in (own.get("columnDefaults") or {}).items()),
            )
        )
    return out


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _objects_in(
    raw: Any,
) -> tuple[list[m.Function], list[m.Trigger], list[m.Rule], list[m.DefinedObject]]:
    if raw is None:
        return [], [], [], []
    if not isinstance(raw, dict):
        raise ValueError("the 'pgshift' key must be an object")
    functions = [
        m.Function(
            schema=f["schema"],
            name=f["name"],
            kind=m.RoutineKind(f["kind"]),
            identity_args=f["identityArguments"],
            arguments=f["arguments"],
            result=f.get("result"),
            definition=f["definition"],
            comment=f.get("comment"),
        )
        for f in raw.get("functions", {}).values()
    ]
    triggers = [
        m.Trigger(
            schema=t["schema"],
            table=t["table"],
            name=t["name"],
            definition=t["definition"],
            function=t["function"],
            enabled=t.get("enabled", "O"),
            comment=t.get("comment"),
        )
        for t in raw.get("triggers", {}).values()
    ]
    rules = [
        m.Rule(
            schema=r["schema"],
            table=r["table"],
            name=r["name"],
            definition=r["definition"],
            comment=r.get("comment"),
        )
        for r in raw.get("rules", {}).values()
    ]
    defined = [
        m.DefinedObject(
            kind=m.ObjectKind(o["kind"]),
            schema=o["schema"],
            name=o["name"],
            definition=o["definition"],
            comment=o.get("comment"),
            part_comments=tuple(sorted((o.get("partComments") or {}).items())),
        )
        for o in raw.get("objects", {}).values()
    ]
    return functions, triggers, rules, defined
