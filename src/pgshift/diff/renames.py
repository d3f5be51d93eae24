"""Rename resolution: a thing disappeared and another of its kind appeared — renamed, or dropped and created?

A differ cannot tell from two models alone, and guessing wrong loses data (a DROP COLUMN plus an ADD
COLUMN instead of a RENAME). So the choice is the user's: asked interactively, or given as flags
(``--rename column:users.bio=biography``, ``--create column:users.biography``). This module holds the
decisions, parses and prints the flags, and applies renames to the old model so that the ordinary
differ then sees equal names.

Kinds and containers (the scope a name is unique in):
``schema`` and ``publication`` (container ""), ``table`` / ``enum`` / ``sequence`` (a schema), ``column`` (``schema.table``),
``value`` (an enum value; container ``schema.enum``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pgshift.diff.hazards import binary_coercible
from pgshift.errors import PgshiftError
from pgshift.model.schema import (
    Column,
    ForeignKey,
    Index,
    Model,
    Publication,
    Table,
    build_model,
    canonical_publication,
)

KINDS = ("schema", "publication", "enum", "sequence", "table", "column", "value")
_NOUN = {"value": "enum value"}


class RenameError(PgshiftError):
    """A bad or unsettled rename decision."""


@dataclass(frozen=True)
class RenameCandidate:
    """In ``container``, ``removed`` names are gone and ``added`` names are new: renames are possible."""

    kind: str
    container: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class RenameDecisions:
    """``renames``: (kind, container, old, new). ``created``: (kind, container, new) declared genuinely new."""

    renames: frozenset[tuple[str, str, str, str]] = field(default_factory=frozenset)
    created: frozenset[tuple[str, str, str]] = field(default_factory=frozenset)

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        """(container, old, new) renames of a kind, sorted for determinism."""
        return sorted((c, o, n) for k, c, o, n in self.renames if k == kind)

    def with_rename(self, kind: str, container: str, old: str, new: str) -> RenameDecisions:
        return replace(self, renames=self.renames | {(kind, container, old, new)})

    def with_created(self, kind: str, container: str, new: str) -> RenameDecisions:
        return replace(self, created=self.created | {(kind, container, new)})


def _split_container(kind: str, left: str, flag: str) -> tuple[str, str]:
    parts = left.split(".")
    if kind in ("schema", "publication"):
        if len(parts) != 1:
            raise RenameError(
                f"bad flag {flag!r}: a {kind} name has no container", hint=f"e.g. {kind}:old=new"
            )
        return "", parts[0]
    if kind in ("table", "enum", "sequence"):
        if len(parts) == 1:
            return "public", parts[0]
        if len(parts) == 2:
            return parts[0], parts[1]
    if kind in ("column", "value"):
        if len(parts) == 2:
            return f"public.{parts[0]}", parts[1]
        if len(parts) == 3:
            return f"{parts[0]}.{parts[1]}", parts[2]
    example = {
        "table": "table:old=new or table:schema.old=new",
        "enum": "enum:old=new",
        "sequence": "sequence:old=new",
        "column": "column:table.old=new or column:schema.table.old=new",
        "value": "value:enum.old=new",
    }[kind]
    raise RenameError(f"bad flag {flag!r}", hint=f"write {example}")


def parse_rename_flag(flag: str) -> tuple[str, str, str, str]:
    """``column:users.bio=biography`` -> ("column", "public.users", "bio", "biography")."""
    kind, sep, rest = flag.partition(":")
    if not sep or kind not in KINDS:
        raise RenameError(
            f"bad --rename {flag!r}: the kind must be one of {', '.join(KINDS)}",
            hint="e.g. --rename column:users.bio=biography",
        )
    left, eq, new = rest.rpartition("=")
    if not eq or not left or not new:
        raise RenameError(
            f"bad --rename {flag!r}: expected KIND:OLD=NEW", hint="e.g. --rename table:users=accounts"
        )
    container, old = _split_container(kind, left, flag)
    if "." in new:
        raise RenameError(
            f"bad --rename {flag!r}: the new name is a bare name in the same container",
            hint="moving a table or type to another schema is not a rename; write e.g. table:auth.users=accounts",
        )
    return kind, container, old, new


def parse_create_flag(flag: str) -> tuple[str, str, str]:
    """``column:users.biography`` -> ("column", "public.users", "biography")."""
    kind, sep, rest = flag.partition(":")
    if not sep or kind not in KINDS or not rest:
        raise RenameError(
            f"bad --create {flag!r}: expected KIND:NAME", hint="e.g. --create column:users.biography"
        )
    container, name = _split_container(kind, rest, flag)
    return kind, container, name


def _prefix(kind: str, container: str) -> str:
    if kind in ("schema", "publication"):
        return ""
    if kind in ("column", "value"):
        return container.removeprefix("public.") + "."
    return "" if container == "public" else container + "."


def rename_flag(kind: str, container: str, old: str, new: str) -> str:
    return f"--rename {kind}:{_prefix(kind, container)}{old}={new}"


def create_flag(kind: str, container: str, new: str) -> str:
    return f"--create {kind}:{_prefix(kind, container)}{new}"


def noun(kind: str) -> str:
    return _NOUN.get(kind, kind)


def describe_candidate(c: RenameCandidate) -> str:
    """Every choice of one candidate with the exact flag for it, for the non-interactive error."""
    where = f" in {c.container}" if c.container else ""
    lines = [f"{noun(c.kind)}{where}: removed {', '.join(c.removed)}; added {', '.join(c.added)}"]
    for new in c.added:
        for old in c.removed:
            lines.append(f"    {rename_flag(c.kind, c.container, old, new)}   (~ {old} › {new})")  # noqa: RUF001 (drizzle-kit's arrow)
        lines.append(f"    {create_flag(c.kind, c.container, new)}   (+ {new} is new)")
    return "\n".join(lines)


# --- applying renames to a model -------------------------------------------------------------------


def _type_schema(column: Column) -> str:
    return column.type.schema or "public"


def _rename_type(column: Column, schema: str, old: str, new: str) -> Column:
    if column.type.builtin or column.type.base != old or _type_schema(column) != schema:
        return column
    return replace(column, type=replace(column.type, base=new))


def _map_tables(model: Model, fn) -> Model:  # type: ignore[no-untyped-def]
    """``model`` with ``fn`` applied to each table. Triggers and rules keep the old table name: their
    definitions name it, so they are dropped before the rename and created after (see
    ``Plan.pre_rename_drops``); grants stay under the old names too (revoked before, granted after)."""
    return replace(model, tables=build_model(tables=[fn(t) for t in model.tables]).tables)


def _publications(model: Model, fix: Callable[[Publication], Publication]) -> Model:
    """``model`` with its publications as PostgreSQL holds them after a rename: a publication keeps
    oids, so it follows a renamed schema, table or column by itself (no statement, no drop)."""
    fixed = (canonical_publication(fix(p)) for p in model.publications)
    return replace(model, publications=tuple(sorted(fixed, key=lambda p: p.key)))


def rename_schema(model: Model, old: str, new: str) -> Model:
    def move(schema: str) -> str:
        return new if schema == old else schema

    tables = []
    for t in model.tables:
        columns = tuple(
            replace(c, type=replace(c.type, schema=move(c.type.schema))) if c.type.schema is not None else c
            for c in t.columns
        )
        fks = tuple(replace(fk, ref_schema=move(fk.ref_schema)) for fk in t.foreign_keys)
        tables.append(replace(t, schema=move(t.schema), columns=columns, foreign_keys=fks))
    # Tables, types and sequences move with the schema (the server renames the namespace); grants stay
    # under the old names: revoked before the rename, granted after it.
    # Functions, triggers and rules keep the old schema: their text names it, so they are dropped before
    # the rename and created after (``Plan.pre_rename_drops``); domains and types move with it.
    return build_model(
        schemas=[move(s) for s in model.schemas],
        enums=[replace(e, schema=move(e.schema)) for e in model.enums],
        sequences=[replace(s, schema=move(s.schema)) for s in model.sequences],
        tables=tables,
        views=[replace(v, schema=move(v.schema)) for v in model.views],
        functions=model.functions,
        triggers=model.triggers,
        rules=model.rules,
        event_triggers=model.event_triggers,  # their function keeps the old schema too (dropped, created)
        statistics=model.statistics,  # kept like rules: pre_rename_drops drops them
        publications=[
            replace(
                p,
                tables=tuple(replace(t, schema=move(t.schema)) for t in p.tables),
                schemas=tuple(move(s) for s in p.schemas),
            )
            for p in model.publications
        ],  # they follow the schema
        # text search objects move with their schema, and so do the dictionaries a mapping names
        ts_dictionaries=[
            replace(d, schema=move(d.schema), template_schema=move(d.template_schema))
            for d in model.ts_dictionaries
        ],
        ts_configurations=[
            replace(
                c,
                schema=move(c.schema),
                parser_schema=move(c.parser_schema),
                mappings=tuple(
                    replace(mp, dictionaries=tuple((move(s), n) for s, n in mp.dictionaries))
                    for mp in c.mappings
                ),
            )
            for c in model.ts_configurations
        ],
        casts=model.casts,  # kept like functions: their text names the old schema (dropped, created)
        operators=model.operators,
        defined=[replace(d, schema=move(d.schema)) for d in model.defined],
        grants=model.grants,
        default_privileges=model.default_privileges,
        foreign_data_wrappers=model.foreign_data_wrappers,  # database-wide: in no schema
        foreign_servers=model.foreign_servers,
        schema_comments=[(move(s), c) for s, c in model.schema_comments],
    )


def rename_table(model: Model, schema: str, old: str, new: str) -> Model:
    def fix(t: Table) -> Table:
        fks = tuple(
            replace(fk, ref_table=new) if (fk.ref_schema, fk.ref_table) == (schema, old) else fk
            for fk in t.foreign_keys
        )
        name = new if (t.schema, t.name) == (schema, old) else t.name
        return replace(t, name=name, foreign_keys=fks)

    def publication(p: Publication) -> Publication:
        tables = tuple(replace(t, table=new) if (t.schema, t.table) == (schema, old) else t for t in p.tables)
        return replace(p, tables=tables)

    return _publications(_map_tables(model, fix), publication)


def rename_column(model: Model, schema: str, table: str, old: str, new: str) -> Model:
    def names(cols: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new if c == old else c for c in cols)

    def fix_index(i: Index) -> Index:
        elements = tuple(
            replace(e, expression=new) if not e.is_expression and e.expression == old else e
            for e in i.elements
        )
        return replace(i, elements=elements, include=names(i.include))

    def fix(t: Table) -> Table:
        own = (t.schema, t.name) == (schema, table)
        fks: list[ForeignKey] = []
        for fk in t.foreign_keys:
            if own:
                fk = replace(fk, columns=names(fk.columns))
            if (fk.ref_schema, fk.ref_table) == (schema, table):
                fk = replace(fk, ref_columns=names(fk.ref_columns))
            fks.append(fk)
        if not own:
            return replace(t, foreign_keys=tuple(fks))
        return replace(
            t,
            columns=tuple(replace(c, name=new) if c.name == old else c for c in t.columns),
            primary_key=replace(t.primary_key, columns=names(t.primary_key.columns))
            if t.primary_key
            else None,
            foreign_keys=tuple(fks),
            unique_constraints=tuple(replace(u, columns=names(u.columns)) for u in t.unique_constraints),
            indexes=tuple(fix_index(i) for i in t.indexes),
        )

    def publication(p: Publication) -> Publication:
        # its column list follows; a row filter's text still names the old column (the publication
        # drops that table around the rename and adds it back: pgshift.diff.kinds.publication)
        tables = tuple(
            replace(t, columns=names(t.columns)) if (t.schema, t.table) == (schema, table) else t
            for t in p.tables
        )
        return replace(p, tables=tables)

    return _publications(_map_tables(model, fix), publication)


def rename_enum(model: Model, schema: str, old: str, new: str) -> Model:
    renamed = _map_tables(
        model, lambda t: replace(t, columns=tuple(_rename_type(c, schema, old, new) for c in t.columns))
    )
    enums = [replace(e, name=new) if (e.schema, e.name) == (schema, old) else e for e in renamed.enums]
    return replace(renamed, enums=build_model(enums=enums).enums)


def rename_sequence(model: Model, schema: str, old: str, new: str) -> Model:
    sequences = [replace(s, name=new) if (s.schema, s.name) == (schema, old) else s for s in model.sequences]
    return replace(model, sequences=build_model(sequences=sequences).sequences)


def rename_value(model: Model, schema: str, enum: str, old: str, new: str) -> Model:
    """Rename an enum value; defaults spelled with the old label follow it, as Postgres's do."""
    enums = [
        replace(e, values=tuple(new if v == old else v for v in e.values))
        if (e.schema, e.name) == (schema, enum)
        else e
        for e in model.enums
    ]

    def fix(t: Table) -> Table:
        cols = []
        for c in t.columns:
            if c.default and c.type.base == enum and _type_schema(c) == schema:
                c = replace(c, default=_relabel(c.default, old, new))
            cols.append(c)
        return replace(t, columns=tuple(cols))

    return replace(_map_tables(model, fix), enums=tuple(enums))


def _relabel(expression: str, old: str, new: str) -> str:
    """``expression`` with the string literal ``old`` replaced by ``new`` (parsed, not searched)."""
    import postgast
    from postgast.pg_query_pb2 import A_Const

    try:
        tree = postgast.parse(f"SELECT {expression}")
    except postgast.PgQueryError:
        return expression
    found = False
    for node in postgast.find_nodes(tree, A_Const):
        if node.HasField("sval") and node.sval.sval == old:
            node.sval.sval = new
            found = True
    return postgast.deparse(tree).removeprefix("SELECT ") if found else expression


# --- candidates ------------------------------------------------------------------------------------


def _diff_names(old: list[str], new: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names gone and names new, each in its list's order (set lookups: 1,000 tables in one schema
    made list lookups a million comparisons per call)."""
    old_set, new_set = set(old), set(new)
    return tuple(n for n in old if n not in new_set), tuple(n for n in new if n not in old_set)


def _same_names(old: tuple[Column, ...], new: tuple[Column, ...]) -> bool:
    """The same column names in the same order: no candidate (most tables; checked without sets)."""
    return old is new or (len(old) == len(new) and [a.name for a in old] == [b.name for b in new])


def candidates_at_stage(old: Model, new: Model, kinds: tuple[str, ...]) -> list[RenameCandidate]:
    """Candidates of the given kinds between two models (renames of earlier stages already applied)."""
    out: list[RenameCandidate] = []

    def add(kind: str, container: str, removed: tuple[str, ...], added: tuple[str, ...]) -> None:
        if removed and added:
            out.append(RenameCandidate(kind, container, removed, added))

    if "schema" in kinds:
        add("schema", "", *_diff_names(list(old.schemas), list(new.schemas)))
    if "publication" in kinds:
        names = ([p.name for p in old.publications], [p.name for p in new.publications])
        add("publication", "", *_diff_names(*names))
    schemas = sorted({"public", *old.schemas, *new.schemas})
    for kind, attr in (("enum", "enums"), ("sequence", "sequences"), ("table", "tables")):
        if kind not in kinds:
            continue
        old_names: dict[str, list[str]] = {schema: [] for schema in schemas}
        new_names: dict[str, list[str]] = {schema: [] for schema in schemas}
        for x in getattr(old, attr):
            old_names.setdefault(x.schema, []).append(x.name)
        for x in getattr(new, attr):
            new_names.setdefault(x.schema, []).append(x.name)
        for schema in schemas:
            add(kind, schema, *_diff_names(old_names[schema], new_names[schema]))
    if "column" in kinds:
        old_tables = {t.key: t for t in old.tables}
        for table in new.tables:
            before = old_tables.get(table.key)
            if before is not None and not _same_names(before.columns, table.columns):
                removed, added = _diff_names(
                    [c.name for c in before.columns], [c.name for c in table.columns]
                )
                add("column", table.key, _by_type_likeness(before, table, removed, added), added)
    if "value" in kinds:
        for enum in new.enums:
            old_enum = old.enum(enum.schema, enum.name)
            if old_enum is None or len(old_enum.values) != len(enum.values):
                continue
            changed = [(a, b) for a, b in zip(old_enum.values, enum.values, strict=True) if a != b]
            if len(changed) == 1 and changed[0][1] not in old_enum.values:
                add("value", enum.key, (changed[0][0],), (changed[0][1],))
    return out


def _by_type_likeness(
    before: Table, after: Table, removed: tuple[str, ...], added: tuple[str, ...]
) -> tuple[str, ...]:
    """Gone columns ordered by how likely each is the first new column renamed: the same type first,
    then a type it converts to without a rewrite, then the rest (a text column offered for a new
    boolean one last, not first)."""
    if not added:
        return removed
    new_col = after.column(added[0])
    if new_col is None:
        return removed

    def rank(name: str) -> int:
        old_col = before.column(name)
        if old_col is None:
            return 2
        if old_col.type == new_col.type:
            return 0
        return 1 if binary_coercible(old_col.type, new_col.type) else 2

    return tuple(sorted(removed, key=lambda name: (rank(name), removed.index(name))))


STAGES: tuple[tuple[str, ...], ...] = (
    ("schema", "publication"),
    ("enum", "sequence", "table"),
    ("column", "value"),
)


def apply_rename(model: Model, kind: str, container: str, old: str, new: str) -> Model:
    """``model`` with one decided rename applied (what every reference to the old name becomes)."""
    if kind == "schema":
        return rename_schema(model, old, new)
    if kind == "publication":
        return _publications(model, lambda p: replace(p, name=new) if p.name == old else p)
    if kind == "table":
        return rename_table(model, container, old, new)
    if kind == "enum":
        return rename_enum(model, container, old, new)
    if kind == "sequence":
        return rename_sequence(model, container, old, new)
    schema, _, name = container.partition(".")
    if kind == "column":
        return rename_column(model, schema, name, old, new)
    return rename_value(model, schema, name, old, new)


def apply_renames(
    old: Model, new: Model, decisions: RenameDecisions
) -> tuple[Model, list[tuple[str, str, str, str]]]:
    """The old model with every decided rename applied, stage by stage, and the renames in order.

    A decision that names no candidate (the old name is not gone, the new one is not new) is an error:
    a typo in a flag must not silently turn into a drop and a create.
    """
    applied: list[tuple[str, str, str, str]] = []
    current = old
    for kinds in STAGES:
        if not any(decisions.of(kind) for kind in kinds):
            continue  # (nothing to check or apply: candidates are looked for only where a decision is)
        candidates = {(c.kind, c.container): c for c in candidates_at_stage(current, new, kinds)}
        for kind in kinds:
            for container, o, n in decisions.of(kind):
                c = candidates.get((kind, container))
                if c is None or o not in c.removed or n not in c.added:
                    raise RenameError(
                        f"{rename_flag(kind, container, o, n)} names no rename candidate: "
                        f"{noun(kind)} {o!r} must be gone and {n!r} must be new",
                        hint="check the spelling; `pgshift generate` without --rename lists the candidates",
                    )
                current = apply_rename(current, kind, container, o, n)
                applied.append((kind, container, o, n))
    return current, applied


def rename_candidates(
    old: Model, new: Model, decisions: RenameDecisions | None = None
) -> list[RenameCandidate]:
    """Every (kind, container) where something disappeared and something of its kind appeared.

    Earlier stages' decisions are applied first, so columns of a renamed table are compared with the
    table's new name.
    """
    decisions = decisions or RenameDecisions()
    current = old
    out: list[RenameCandidate] = []
    for kinds in STAGES:
        out += candidates_at_stage(current, new, kinds)
        for kind in kinds:
            for container, o, n in decisions.of(kind):
                current = apply_rename(current, kind, container, o, n)
    return out


def unsettled_candidates(old: Model, new: Model, decisions: RenameDecisions) -> list[RenameCandidate]:
    """Candidates still open after the decisions: some new name is neither a rename target nor declared new."""
    current, _ = apply_renames(old, new, decisions)
    out = []
    for kinds in STAGES:
        for c in candidates_at_stage(current, new, kinds):
            open_added = tuple(n for n in c.added if (c.kind, c.container, n) not in decisions.created)
            if open_added:
                out.append(replace(c, added=open_added))
    return out
