"""Publications (the kind ``publication``, logical replication): database-wide, keyed by name.

A new publication is created late (``Plan.publications``: after the tables, schemas and columns it
names), a gone one dropped first of all (``Plan.drop_publications``, with the statistics objects:
before any column, table or schema it names goes), so the down file, the reverse, is valid too. Which
tables and schemas it publishes changes in place (``ALTER PUBLICATION ... ADD`` late, ``... DROP``
early: a column in a column list or row filter cannot be dropped, nor a row filter's column retyped,
while the publication uses it). A table whose column list or row filter changes is dropped from it and
added back: in the same late step normally, which runs in one transaction so no change is missed. A
table with a column list or row filter whose table is reshaped (columns dropped or retyped) is taken
out before that change and added back after it, changed or not (PostgreSQL refuses to drop or retype a
column either uses); so is a changed one whose table has a column renamed (the old filter names the old
column). Between the two steps the table is not published: a migration that commits in between (a
statement that runs alone, such as CREATE INDEX CONCURRENTLY) sends nothing of it meanwhile. ``publish`` and ``publish_via_partition_root``
change with ``ALTER PUBLICATION ... SET (...)``; FOR ALL TABLES cannot be switched on or off, so that
drops and creates it. The comment changes in place.

PostgreSQL itself follows a renamed table, column or schema (the publication holds oids) and takes a
dropped table or schema out of it, so renames apply to the old model (``pgshift.diff.renames``) and
need no statement here. Tables are always named with ``ONLY``: pgshift lists every table a publication
holds (an inheritance child added with its parent is a row of its own), so what is listed is exactly
what is published. A publication's own rename is decided like a table's (``RenamePublication``;
the early steps name it as it was). Dropping or renaming a publication, or taking a table out of one,
stops sending those changes to its subscribers: push asks first (``stops_publishing``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pgshift.diff.hazards import Action, Hazard, HazardKind
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.column import RenameColumn
from pgshift.diff.kinds.comment import SetComment, created_comment
from pgshift.diff.kinds.schema import RenameSchema
from pgshift.diff.kinds.table import RenameTable
from pgshift.diff.plan import Plan
from pgshift.model.schema import PUBLISH_ALL, Model, Publication, PublicationTable
from pgshift.model.types import qualified_name, quote_ident

NOUN = "publication"


def _target(name: str) -> str:
    return f"PUBLICATION {quote_ident(name)}"


def parenthesised(expression: str) -> str:
    """``expression`` inside one pair of parentheses (a row filter is ``WHERE (expr)``), not doubling
    the pair ``pg_get_expr`` already prints around most expressions: ``(a > 1)`` stays, ``c`` and
    ``(a > 1) AND c`` get one."""
    text = expression.strip()
    if text.startswith("(") and text.endswith(")"):
        depth = 0
        quoted: str | None = None
        for i, ch in enumerate(text):
            if quoted:
                if ch == quoted:
                    quoted = None
                continue
            if ch in "'\"":
                quoted = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    if i == len(text) - 1:
                        return text
                    break
    return f"({text})"


def table_sql(t: PublicationTable) -> str:
    """One table as ``CREATE/ALTER PUBLICATION`` lists it: ``ONLY "s"."t" (a, b) WHERE (...)``."""
    text = f"ONLY {qualified_name(t.schema, t.table)}"
    if t.columns:
        text += " (" + ", ".join(quote_ident(c) for c in t.columns) + ")"
    if t.where is not None:
        text += f" WHERE {parenthesised(t.where)}"
    return text


def objects_sql(tables: Sequence[PublicationTable], schemas: Sequence[str], *, bare: bool = False) -> str:
    """``TABLE ..., TABLE ..., TABLES IN SCHEMA "a", "b"``; ``bare``: names only (``DROP`` takes no
    column list or row filter)."""
    parts = [f"TABLE {f'ONLY {qualified_name(t.schema, t.table)}' if bare else table_sql(t)}" for t in tables]
    if schemas:
        parts.append("TABLES IN SCHEMA " + ", ".join(quote_ident(s) for s in schemas))
    return ", ".join(parts)


def options_sql(publish: tuple[str, ...], via_root: bool, generated: bool | None = None) -> str:
    """The ``WITH`` / ``SET`` option list; ``publish_generated_columns`` (18+) only when ``generated`` is
    not None (set on either side), so a plan for 15-17 never names it."""
    text = f"publish = '{', '.join(publish)}', publish_via_partition_root = {'true' if via_root else 'false'}"
    if generated is not None:
        text += f", publish_generated_columns = {'stored' if generated else 'none'}"
    return text


def create_sql(p: Publication) -> str:
    text = f"CREATE PUBLICATION {quote_ident(p.name)}"
    if p.all_tables:
        text += " FOR ALL TABLES"
    elif p.tables or p.schemas:
        text += " FOR " + objects_sql(p.tables, p.schemas)
    if p.publish != PUBLISH_ALL or p.via_root or p.generated_columns:
        text += f" WITH ({options_sql(p.publish, p.via_root, True if p.generated_columns else None)})"
    return text + ";"


def _keyless_hazards(keyless: tuple[str, ...]) -> tuple[Hazard, ...]:
    return tuple(
        Hazard(
            HazardKind.BACKWARD_INCOMPATIBLE,
            f"{key}: has no primary key, so its UPDATEs and DELETEs fail once published "
            "(unless it has a REPLICA IDENTITY, which pgshift does not read)",
        )
        for key in keyless
    )


def keyless_tables(
    plan: Plan, p: Publication, tables: Sequence[PublicationTable], schemas: Sequence[str]
) -> tuple[str, ...]:
    """Keys of the tables of the new schema that ``tables``/``schemas`` (every table, FOR ALL TABLES)
    publish without a primary key, when ``p`` publishes UPDATE or DELETE: PostgreSQL refuses their
    UPDATEs and DELETEs from then on, unless a replica identity is set."""
    if "update" not in p.publish and "delete" not in p.publish:
        return ()
    named = {t.key for t in tables}
    return tuple(
        key
        for key, t in plan.new_tables.items()
        if t.primary_key is None and (p.all_tables or key in named or t.schema in schemas)
    )


@dataclass(frozen=True)
class CreatePublication(Operation):
    """CREATE PUBLICATION."""

    publication: Publication
    keyless: tuple[str, ...] = ()  # tables it publishes without a primary key (hazards)
    action = Action.CREATE_PUBLICATION

    def hazards(self) -> tuple[Hazard, ...]:
        return super().hazards() + _keyless_hazards(self.keyless)

    @property
    def subject(self) -> str:
        return self.publication.key

    def sql(self) -> list[str]:
        return [
            create_sql(self.publication),
            *created_comment(_target(self.publication.name), self.publication.comment),
        ]

    def reverse(self) -> Operation:
        return DropPublication(self.publication)

    def describe(self) -> str:
        return f"create {NOUN} {self.publication.key}"


@dataclass(frozen=True)
class DropPublication(Operation):
    """DROP PUBLICATION."""

    publication: Publication
    action = Action.DROP_PUBLICATION

    @property
    def subject(self) -> str:
        return self.publication.key

    def sql(self) -> list[str]:
        return [f"DROP PUBLICATION {quote_ident(self.publication.name)};"]

    def reverse(self) -> Operation:
        return CreatePublication(self.publication)

    def describe(self) -> str:
        return f"drop {NOUN} {self.publication.key}"


@dataclass(frozen=True)
class RenamePublication(Operation):
    """``ALTER PUBLICATION ... RENAME TO``: decided like a table's rename (``--rename publication:a=b``);
    keeps its owner, which a drop and create would not. Subscriptions name it, so they stop receiving
    until pointed at the new name (push asks first)."""

    old: str
    new: str
    action = Action.RENAME_PUBLICATION

    @property
    def subject(self) -> str:
        return self.old

    def sql(self) -> list[str]:
        return [f"ALTER PUBLICATION {quote_ident(self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenamePublication(self.new, self.old)

    def describe(self) -> str:
        return f"rename {NOUN} {self.old} to {self.new}"


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    """The op of a decided publication rename (publications have no container)."""
    return RenamePublication(old, new)


@dataclass(frozen=True)
class AddToPublication(Operation):
    """``ALTER PUBLICATION ... ADD TABLE ..., TABLES IN SCHEMA ...``."""

    name: str
    tables: tuple[PublicationTable, ...] = ()
    schemas: tuple[str, ...] = ()
    keyless: tuple[str, ...] = ()  # tables it publishes without a primary key (hazards)
    action = Action.ALTER_PUBLICATION_TABLES

    @property
    def subject(self) -> str:
        return self.name

    def hazards(self) -> tuple[Hazard, ...]:
        return super().hazards() + _keyless_hazards(self.keyless)

    def sql(self) -> list[str]:
        return [f"ALTER PUBLICATION {quote_ident(self.name)} ADD {objects_sql(self.tables, self.schemas)};"]

    def reverse(self) -> Operation:
        return DropFromPublication(self.name, self.tables, self.schemas)

    def describe(self) -> str:
        return f"add {_listed(self.tables, self.schemas)} to {NOUN} {self.name}"


@dataclass(frozen=True)
class DropFromPublication(Operation):
    """``ALTER PUBLICATION ... DROP TABLE ..., TABLES IN SCHEMA ...`` (tables by name only: PostgreSQL
    refuses a column list or row filter there). Keeps what it drops, for its reverse."""

    name: str
    tables: tuple[PublicationTable, ...] = ()
    schemas: tuple[str, ...] = ()
    action = Action.ALTER_PUBLICATION_TABLES

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        objects = objects_sql(self.tables, self.schemas, bare=True)
        return [f"ALTER PUBLICATION {quote_ident(self.name)} DROP {objects};"]

    def reverse(self) -> Operation:
        return AddToPublication(self.name, self.tables, self.schemas)

    def describe(self) -> str:
        return f"drop {_listed(self.tables, self.schemas)} from {NOUN} {self.name}"


@dataclass(frozen=True)
class ReplaceInPublication(Operation):
    """Tables whose column list or row filter changes: dropped from the publication and added back
    with the new one, in one transaction (there is no ALTER for one table's entry)."""

    name: str
    old: tuple[PublicationTable, ...]
    new: tuple[PublicationTable, ...]
    action = Action.ALTER_PUBLICATION_TABLES

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        return [*DropFromPublication(self.name, self.old).sql(), *AddToPublication(self.name, self.new).sql()]

    def reverse(self) -> Operation:
        return ReplaceInPublication(self.name, self.new, self.old)

    def describe(self) -> str:
        return f"change the column lists or row filters of {_listed(self.new, ())} in {NOUN} {self.name}"


@dataclass(frozen=True)
class SetPublicationOptions(Operation):
    """``ALTER PUBLICATION ... SET (publish = ..., publish_via_partition_root = ...)``."""

    name: str
    old_publish: tuple[str, ...]
    old_via_root: bool
    new_publish: tuple[str, ...]
    new_via_root: bool
    old_generated: bool = False
    new_generated: bool = False
    action = Action.ALTER_PUBLICATION

    @property
    def subject(self) -> str:
        return self.name

    def sql(self) -> list[str]:
        either = self.old_generated or self.new_generated
        options = options_sql(self.new_publish, self.new_via_root, self.new_generated if either else None)
        return [f"ALTER PUBLICATION {quote_ident(self.name)} SET ({options});"]

    def reverse(self) -> Operation:
        return SetPublicationOptions(
            self.name,
            self.new_publish,
            self.new_via_root,
            self.old_publish,
            self.old_via_root,
            self.new_generated,
            self.old_generated,
        )

    def describe(self) -> str:
        return f"set what {NOUN} {self.name} publishes"


def _listed(tables: Sequence[PublicationTable], schemas: Sequence[str]) -> str:
    names = [f"table {t.key.removeprefix('public.')}" for t in tables]
    names += [f"schema {s}" for s in schemas]
    return ", ".join(names)


def _before_renames(plan: Plan, t: PublicationTable) -> PublicationTable:
    """``t`` (from the old model, which the renames already moved to the new names) under the names it
    has before this plan's renames run: what the early steps, which come before the renames, must name
    (and what their reverses in the down file, which come after the renames are undone, put back). A
    row filter's text is never moved by a rename, so it already is the old one."""
    for op in reversed(plan.renames):
        if isinstance(op, RenameColumn) and (t.schema, t.table) == (op.schema, op.table):
            t = replace(t, columns=tuple(sorted(op.old if c == op.new else c for c in t.columns)))
        elif isinstance(op, RenameTable) and (t.schema, t.table) == (op.schema, op.new):
            t = replace(t, table=op.old)
        elif isinstance(op, RenameSchema) and t.schema == op.new:
            t = replace(t, schema=op.old)
    return t


def _name_before_renames(plan: Plan, name: str) -> str:
    """A publication's name before this plan renames it (``RenamePublication``)."""
    for op in reversed(plan.renames):
        if isinstance(op, RenamePublication) and name == op.new:
            name = op.old
    return name


def _schema_before_renames(plan: Plan, schema: str) -> str:
    for op in reversed(plan.renames):
        if isinstance(op, RenameSchema) and schema == op.new:
            schema = op.old
    return schema


def _renamed_columns(plan: Plan) -> set[str]:
    """Keys of the tables (under their new names) one of whose columns this plan renames."""
    return {f"{op.schema}.{op.table}" for op in plan.renames if isinstance(op, RenameColumn)}


def _diff_one(a: Publication, b: Publication, plan: Plan) -> None:
    """``a`` becomes ``b`` in place (same FOR ALL TABLES): membership, filters, options, comment."""
    name = b.name
    early_name = _name_before_renames(plan, name)  # the early steps run before the renames
    before = {t.key: t for t in a.tables}
    after = {t.key: t for t in b.tables}
    gone = tuple(t for k, t in before.items() if k not in after)
    gone_schemas = tuple(s for s in a.schemas if s not in b.schemas)
    if gone or gone_schemas:
        plan.drop_publications.append(
            DropFromPublication(
                early_name,
                tuple(_before_renames(plan, t) for t in gone),
                tuple(_schema_before_renames(plan, s) for s in gone_schemas),
            )
        )
    renamed = _renamed_columns(plan)

    def around(k: str) -> bool:
        """Taken out before the table's own change and added back after it: PostgreSQL refuses to drop
        or retype a column a column list or row filter uses (also when the entry stays the same), and
        a changed entry's old filter may name a column by its old name."""
        if k in plan.reshaped and (before[k].columns or before[k].where is not None):
            return True
        return before[k] != after[k] and k in renamed

    kept = [k for k in after if k in before]
    early = [k for k in kept if around(k)]
    in_place = [k for k in kept if before[k] != after[k] and not around(k)]
    if early:
        plan.drop_publications.append(
            DropFromPublication(early_name, tuple(_before_renames(plan, before[k]) for k in early))
        )
    if in_place:
        plan.publications.append(
            ReplaceInPublication(name, tuple(before[k] for k in in_place), tuple(after[k] for k in in_place))
        )
    added = tuple(t for k, t in after.items() if k not in before or k in early)
    added_schemas = tuple(s for s in b.schemas if s not in a.schemas)
    if added or added_schemas:
        new_ones = [t for t in added if t.key not in before]  # (not one only re-added with a new filter)
        keyless = keyless_tables(plan, b, new_ones, added_schemas)
        plan.publications.append(AddToPublication(name, added, added_schemas, keyless))
    if (a.publish, a.via_root, a.generated_columns) != (b.publish, b.via_root, b.generated_columns):
        plan.publications.append(
            SetPublicationOptions(
                name, a.publish, a.via_root, b.publish, b.via_root, a.generated_columns, b.generated_columns
            )
        )
    if a.comment != b.comment:
        plan.publications.append(SetComment(_target(name), NOUN, name, a.comment, b.comment))


def diff_publications(old: Model, new: Model, plan: Plan) -> Model:
    before = {p.key: p for p in old.publications}
    after = {p.key: p for p in new.publications}
    for key, a in before.items():
        b = after.get(key)
        if b is None or a.all_tables != b.all_tables:
            # early, so under the names before the renames (its reverse re-creates it after them)
            tables = tuple(_before_renames(plan, t) for t in a.tables)
            schemas = tuple(_schema_before_renames(plan, s) for s in a.schemas)
            name = _name_before_renames(plan, a.name)
            plan.drop_publications.append(
                DropPublication(replace(a, name=name, tables=tables, schemas=schemas))
            )
            if b is not None:
                plan.publications.append(CreatePublication(b, keyless_tables(plan, b, b.tables, b.schemas)))
        else:
            _diff_one(a, b, plan)  # (an equal one too: a reshaped table may take its tables out)
    plan.publications += [
        CreatePublication(p, keyless_tables(plan, p, p.tables, p.schemas))
        for k, p in after.items()
        if k not in before
    ]
    return old


def stops_publishing(operations: Sequence[Operation]) -> list[tuple[str, str]]:
    """(publication, sentence) for what ``operations`` stop publishing for good: a dropped publication, tables or
    schemas taken out of one. Its subscribers then stop receiving those changes (a dropped publication
    makes their apply workers fail), a loss no count of rows shows, so push asks before running such a
    plan (``diff/dataloss.STOPS_PUBLISHING``). A publication dropped and created again in the same plan
    (FOR ALL TABLES switched) counts too: subscribers' replication breaks between the two."""
    out: list[tuple[str, str]] = []
    for op in operations:
        if isinstance(op, DropPublication):
            out.append((op.publication.name, f"drops {NOUN} {op.publication.name}"))
        elif isinstance(op, RenamePublication):
            out.append((op.old, f"renames {NOUN} {op.old} to {op.new}, the name its subscriptions use"))
        elif isinstance(op, DropFromPublication):
            replaced = any(
                isinstance(other, AddToPublication)
                and other.name == op.name
                and {t.key for t in op.tables} <= {t.key for t in other.tables}
                and not op.schemas
                for other in operations
            )
            if not replaced:
                out.append((op.name, f"drops {_listed(op.tables, op.schemas)} from {NOUN} {op.name}"))
    return out
