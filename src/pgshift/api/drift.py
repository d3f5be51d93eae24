"""Drift: the live database against the schema its applied migrations say it has.

The expected schema is the snapshot of the newest applied migration (in journal order); the actual one
is read from the catalog (``pgshift.introspect``); one differ compares them. Each difference becomes a
sentence a person can act on — "column users.nickname is in the schema but not in the database —
migration 0003_add_nickname may not have run" — because the usual causes are a hand-made change, a
migration that failed halfway outside a transaction, or a database restored from an older backup.
No SQLAlchemy here: status and check --db use it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pgshift.api.managed import Unmanaged, set_aside_opt_in, unmanaged_in_database, unmanaged_objects
from pgshift.config import Config
from pgshift.diff.hazards import Action, Change
from pgshift.folder.files import snapshot_path
from pgshift.model import schema as m
from pgshift.model.filters import table_matcher

_NOUNS = {
    "schema": "schema",
    "type": "type",
    "enum": "enum",
    "sequence": "sequence",
    "foreign_table": "foreign table",
    "server": "foreign server",
    "foreign_data_wrapper": "foreign data wrapper",
    "table": "table",
    "column": "column",
    "index": "index",
    "foreign_key": "foreign key",
    "check": "check constraint",
    "unique": "unique constraint",
    "primary_key": "primary key",
    "policy": "policy",
    "view": "view",
    "function": "function",
    "trigger": "trigger",
    "event_trigger": "event trigger",
    "rule": "rule",
    "statistics": "statistics object",
    "publication": "publication",
    "ts_dictionary": "text search dictionary",
    "ts_configuration": "text search configuration",
    "cast": "cast",
    "operator": "operator",
    "object": "type, extension or collation",
}


@dataclass(frozen=True)
class DriftItem:
    subject: str
    message: str
    migration: str | None = None  # the applied migration that introduced the missing object, if known

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "message": self.message, "migration": self.migration}


@dataclass(frozen=True)
class Drift:
    against: str  # tag whose snapshot is the expected schema
    items: tuple[DriftItem, ...]
    unmanaged: tuple[Unmanaged, ...] = ()  # in the database, not compared: kinds code cannot declare

    def __bool__(self) -> bool:
        return bool(self.items)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"against": self.against, "items": [i.to_json() for i in self.items]}
        if self.unmanaged:
            data["not_managed"] = [{"kind": u.kind, "name": u.name} for u in self.unmanaged]
        return data


def _noun(action: Action) -> str:
    rest = action.target
    for key, noun in _NOUNS.items():
        if rest.startswith(key):
            return noun
    return rest.replace("_", " ") or "object"


def _short(subject: str) -> str:
    """``public.users.nickname`` -> ``users.nickname`` (public is implied)."""
    return subject.removeprefix("public.")


def _has(model: m.Model, subject: str) -> bool:
    keyed: tuple[
        m.Function | m.Trigger | m.Rule | m.EventTrigger | m.Statistics | m.Publication | m.DefinedObject
        | m.ForeignServer | m.ForeignDataWrapper | m.TextSearchDictionary | m.TextSearchConfiguration
        | m.Cast | m.Operator, ...
    ] = (
        *model.functions, *model.triggers, *model.rules, *model.event_triggers, *model.statistics,
        *model.publications, *model.defined, *model.foreign_servers, *model.foreign_data_wrappers,
        *model.ts_dictionaries, *model.ts_configurations, *model.casts, *model.operators,
    )  # fmt: skip
    if subject in {o.key for o in keyed}:
        return True
    parts = subject.split(".")
    if len(parts) < 2:
        return subject in model.schemas
    table = model.table(parts[0], parts[1])
    if len(parts) == 2:
        keys = {t.key for t in model.tables} | {e.key for e in model.enums} | {s.key for s in model.sequences}
        return subject in keys | {v.key for v in model.views}
    if table is None:
        return False
    names = {c.name for c in table.columns} | {i.name for i in table.indexes}
    names |= {fk.name for fk in table.foreign_keys}
    names |= {u.name for u in table.unique_constraints} | {c.name for c in table.check_constraints}
    return parts[2] in names


def _enforcement(operations: list[Any]) -> dict[str, str]:
    """subject -> the sentence for a constraint that differs only in NOT ENFORCED (PostgreSQL 18): a
    foreign key's ``ALTER CONSTRAINT``, or a CHECK dropped and added (its enforcement cannot be altered),
    which would otherwise read as one constraint made by hand and another missing."""
    from pgshift.diff.kinds.constraint import AddConstraint, DropConstraint, SetEnforced

    def state(not_enforced: bool) -> str:
        return "NOT ENFORCED" if not_enforced else "enforced"

    out: dict[str, str] = {}
    dropped = {op.subject: op.constraint for op in operations if isinstance(op, DropConstraint)}
    for op in operations:
        if isinstance(op, SetEnforced):
            out[op.subject] = f"foreign key {_short(op.subject)} is {state(op.enforced)} in the database"
            out[op.subject] += f" but {state(not op.enforced)} in the schema"
        elif isinstance(op, AddConstraint) and isinstance(old := dropped.get(op.subject), m.CheckConstraint):
            new = op.constraint
            if (
                isinstance(new, m.CheckConstraint)
                and old.not_enforced != new.not_enforced
                and replace(old, not_enforced=False, not_valid=False, comment=None)
                == replace(new, not_enforced=False, not_valid=False, comment=None)
            ):
                out[op.subject] = f"check constraint {_short(op.subject)} is {state(old.not_enforced)}"
                out[op.subject] += f" in the database but {state(new.not_enforced)} in the schema"
    return out


def detect_drift(conn: Any, folder: Path, config: Config, applied_tags: list[str]) -> Drift | None:
    """Compare the database with the snapshot of the newest of ``applied_tags`` (journal order).

    None when nothing is applied or that migration has no snapshot (a hand-written folder).
    """
    from pgshift.api.scratch import spelled_by_server
    from pgshift.diff.differ import diff
    from pgshift.folder.files import read_journal
    from pgshift.sources.introspect import as_server_holds, introspect
    from pgshift.sources.snapshot import read_snapshot

    entries = [e for e in read_journal(folder).entries if e.tag in set(applied_tags)]
    if not entries:
        return None
    newest = entries[-1]
    path = snapshot_path(folder, newest)
    if not path.exists():
        return None
    _, expected = read_snapshot(path)
    scope = config.introspect_scope(expected.schemas)
    matches = table_matcher(scope.tables_filter)
    schemas = scope.schemas
    expected = m.build_model(
        schemas=expected.schemas,
        enums=[e for e in expected.enums if e.schema in schemas],
        sequences=[s for s in expected.sequences if s.schema in schemas],
        tables=[t for t in expected.tables if t.schema in schemas and matches(t.schema, t.name)],
        views=[v for v in expected.views if v.schema in schemas],
        functions=[f for f in expected.functions if f.schema in schemas],
        triggers=[t for t in expected.triggers if t.schema in schemas and matches(t.schema, t.table)],
        rules=[r for r in expected.rules if r.schema in schemas and matches(r.schema, r.table)],
        event_triggers=[e for e in expected.event_triggers if e.schema in schemas],  # by its function's
        statistics=[
            s for s in expected.statistics if s.schema in schemas and matches(s.table_schema, s.table)
        ],
        publications=[  # managed when all they name is (model.schema.Publication)
            p
            for p in expected.publications
            if p.named_schemas <= set(schemas) and all(matches(t.schema, t.table) for t in p.tables)
        ],
        ts_dictionaries=[d for d in expected.ts_dictionaries if d.schema in schemas],
        ts_configurations=[c for c in expected.ts_configurations if c.schema in schemas],
        casts=[c for c in expected.casts if c.schema in schemas],  # by its function's or types' schema
        operators=[o for o in expected.operators if o.schema in schemas],
        defined=[d for d in expected.defined if d.schema in schemas],
        grants=[g for g in expected.grants if g.schema in schemas],
        default_privileges=[d for d in expected.default_privileges if d.schema in (None, *schemas)],
        foreign_data_wrappers=expected.foreign_data_wrappers,  # database-wide: in no schema
        foreign_servers=expected.foreign_servers,
        schema_comments=expected.schema_comments,
    )
    actual = introspect(
        conn,
        schema_filter=schemas,
        tables_filter=scope.tables_filter,
        exclude_tables=scope.exclude_tables,
    )
    unmanaged = unmanaged_objects(actual) + unmanaged_in_database(conn, schemas)
    actual, aside = set_aside_opt_in(actual, expected)
    unmanaged += aside
    expected = spelled_by_server(conn, expected, actual)  # the server judges what an expression means
    operations = diff(actual, as_server_holds(expected, conn.info.server_version))
    snapshots: list[tuple[str, m.Model]] | None = None
    items = []
    enforcement = _enforcement(operations)
    for op in operations:
        subject = op.subject
        noun = _noun(op.action)
        if subject in enforcement:
            if enforcement[subject]:  # one sentence for the drop and the add of a CHECK
                items.append(DriftItem(subject, enforcement[subject]))
                enforcement[subject] = ""
            continue
        # An enum value or a column default added is a difference *in* an object the database has,
        # not a missing object: only say "not in the database" when it is.
        if op.action.change is Change.CREATE and not _has(actual, subject):
            if snapshots is None:
                snapshots = [
                    (e.tag, read_snapshot(snapshot_path(folder, e))[1])
                    for e in entries
                    if snapshot_path(folder, e).exists()
                ]
            origin = next((tag for tag, model in snapshots if _has(model, subject)), None)
            message = f"{noun} {_short(subject)} is in the schema but not in the database"
            if origin:
                message += f" — migration {origin} may not have run, or it was undone by hand"
            items.append(DriftItem(subject, message, origin))
        elif op.action.change is Change.DROP:
            items.append(
                DriftItem(
                    subject,
                    f"{noun} {_short(subject)} is in the database but not in the schema (made by hand?)",
                )
            )
        else:
            items.append(
                DriftItem(subject, f"{op.describe()} would be needed: the database differs from the schema")
            )
    return Drift(against=newest.tag, items=tuple(items), unmanaged=unmanaged)
