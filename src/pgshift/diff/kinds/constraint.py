"""Constraints (primary keys, uniques, checks, foreign keys; children of a table)."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action, Hazard, HazardKind, hazards_of
from pgshift.diff.kinds.base import Operation, alter, path
from pgshift.diff.kinds.comment import constraint_target, created_comment
from pgshift.diff.kinds.index import create_index_sql
from pgshift.diff.render import idents, packed_idents
from pgshift.model.schema import (
    CheckConstraint,
    ExcludeConstraint,
    ForeignKey,
    Index,
    IndexElement,
    PrimaryKey,
    UniqueConstraint,
)
from pgshift.model.types import qualified_name, quote_ident

Constraint = PrimaryKey | UniqueConstraint | CheckConstraint | ForeignKey | ExcludeConstraint


_KIND_NAMES = {
    PrimaryKey: "primary key",
    UniqueConstraint: "unique constraint",
    CheckConstraint: "check constraint",
    ForeignKey: "foreign key",
    ExcludeConstraint: "exclusion constraint",
}


def stays_unvalidated(constraint: Constraint) -> bool:
    """A CHECK or foreign key the model holds as NOT VALID: added NOT VALID and never validated."""
    return isinstance(constraint, CheckConstraint | ForeignKey) and constraint.not_valid


def not_enforced(constraint: Constraint) -> bool:
    """A CHECK or foreign key PostgreSQL (18+) keeps without checking: adding it reads no rows, and it
    cannot be validated ("cannot validate NOT ENFORCED constraint")."""
    return isinstance(constraint, CheckConstraint | ForeignKey) and constraint.not_enforced


@dataclass(frozen=True)
class AddConstraint(Operation):
    """ADD CONSTRAINT; with ``not_valid`` (FK/CHECK on an existing table) ``NOT VALID`` then VALIDATE."""

    schema: str
    table: str
    constraint: Constraint
    not_valid: bool = False
    on_new_table: bool = False  # the table is created in the same migration: no rows, nothing to scan
    using_index: bool = False  # UNIQUE/PRIMARY KEY: build the index CONCURRENTLY first, then attach it

    @property
    def transactional(self) -> bool:  # type: ignore[override]
        return not self.using_index

    @property
    def action(self) -> Action:
        if self.using_index:
            return Action.ADD_CONSTRAINT_USING_INDEX
        c = self.constraint
        if not_enforced(c):
            return Action.ADD_CONSTRAINT_NOT_ENFORCED
        if isinstance(c, ForeignKey):
            return Action.ADD_FOREIGN_KEY_NOT_VALID if self.not_valid else Action.ADD_FOREIGN_KEY
        if isinstance(c, CheckConstraint):
            return Action.ADD_CHECK_NOT_VALID if self.not_valid else Action.ADD_CHECK
        if isinstance(c, PrimaryKey):
            return Action.ADD_PRIMARY_KEY
        if isinstance(c, ExcludeConstraint):
            return Action.ADD_EXCLUDE
        return Action.ADD_UNIQUE

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.constraint.name)

    def sql(self) -> list[str]:
        c = self.constraint
        return self._sql() + created_comment(constraint_target(self.schema, self.table, c.name), c.comment)

    def _sql(self) -> list[str]:
        head = alter(self.schema, self.table)
        c = self.constraint
        if self.using_index and isinstance(c, PrimaryKey | UniqueConstraint):
            index = Index(
                c.name,
                tuple(IndexElement(col) for col in c.columns),
                unique=True,
                nulls_not_distinct=getattr(c, "nulls_not_distinct", False),
            )
            kind = "PRIMARY KEY" if isinstance(c, PrimaryKey) else "UNIQUE"
            return [
                create_index_sql(self.schema, self.table, index, concurrently=True),
                f"{head} ADD CONSTRAINT {quote_ident(c.name)} {kind} USING INDEX {quote_ident(c.name)};",
            ]
        text = f"{head} ADD {constraint_sql(c)}"
        if not_enforced(c):
            return [text + ";"]  # nothing is checked, now or later: no NOT VALID, no VALIDATE
        if stays_unvalidated(c):
            return [text + " NOT VALID;"]  # as the model has it: existing rows are not checked
        if not self.not_valid:
            return [text + ";"]
        return [text + " NOT VALID;", f"{head} VALIDATE CONSTRAINT {quote_ident(self.constraint.name)};"]

    def hazards(self) -> tuple[Hazard, ...]:
        if self.on_new_table:
            return ()
        found = super().hazards()
        if self.not_valid and not stays_unvalidated(self.constraint) and not not_enforced(self.constraint):
            found += hazards_of("validate_constraint", self.subject)
        if self.using_index:
            found += (
                Hazard(HazardKind.DATA_DEPENDENT, f"{self.subject}: fails if existing rows are not unique"),
            )
        return found

    def reverse(self) -> Operation:
        return DropConstraint(self.schema, self.table, self.constraint)

    def describe(self) -> str:
        text = f"add {_KIND_NAMES[type(self.constraint)]} {self.constraint.name} on {self.table}"
        return text + (" (NOT ENFORCED)" if not_enforced(self.constraint) else "")


@dataclass(frozen=True)
class DropConstraint(Operation):
    """ALTER TABLE ... DROP CONSTRAINT."""

    schema: str
    table: str
    constraint: Constraint
    action = Action.DROP_CONSTRAINT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.constraint.name)

    def sql(self) -> list[str]:
        return [f"{alter(self.schema, self.table)} DROP CONSTRAINT {quote_ident(self.constraint.name)};"]

    def reverse(self) -> Operation:
        return AddConstraint(self.schema, self.table, self.constraint)

    def describe(self) -> str:
        return f"drop constraint {self.constraint.name} on {self.table}"


@dataclass(frozen=True)
class RenameConstraint(Operation):
    """Same definition, new name (typically after a table rename): no drop and re-add, no scan."""

    schema: str
    table: str
    old: str
    new: str
    action = Action.RENAME_CONSTRAINT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.old)

    def sql(self) -> list[str]:
        return [
            f"{alter(self.schema, self.table)} RENAME CONSTRAINT {quote_ident(self.old)} TO {quote_ident(self.new)};"
        ]

    def reverse(self) -> Operation:
        return RenameConstraint(self.schema, self.table, self.new, self.old)

    def describe(self) -> str:
        return f"rename constraint {self.old} on {self.table} to {self.new}"


@dataclass(frozen=True)
class ValidateConstraint(Operation):
    """VALIDATE CONSTRAINT: a NOT VALID check or foreign key becomes valid (a scan, no strong lock).
    Its reverse does nothing: PostgreSQL cannot mark a constraint unvalidated again, and a valid
    constraint is what the older state holds too, only with its rows checked."""

    schema: str
    table: str
    name: str
    action = Action.VALIDATE_CONSTRAINT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.name)

    def sql(self) -> list[str]:
        return [f"{alter(self.schema, self.table)} VALIDATE CONSTRAINT {quote_ident(self.name)};"]

    def reverse(self) -> Operation | None:
        return _NoOp(self.subject)

    def describe(self) -> str:
        return f"validate constraint {self.name} on {self.table}"


@dataclass(frozen=True)
class SetEnforced(Operation):
    """``ALTER CONSTRAINT fk [NOT] ENFORCED`` (PostgreSQL 18+; foreign keys only: a CHECK's enforcement
    cannot be altered, "cannot alter enforceability of constraint", so a CHECK is dropped and added).
    ENFORCED checks every row (the constraint comes out validated); NOT ENFORCED reads none."""

    schema: str
    table: str
    name: str
    enforced: bool

    @property
    def action(self) -> Action:
        return Action.ENFORCE_CONSTRAINT if self.enforced else Action.UNENFORCE_CONSTRAINT

    @property
    def subject(self) -> str:
        return path(self.schema, self.table, self.name)

    def sql(self) -> list[str]:
        state = "ENFORCED" if self.enforced else "NOT ENFORCED"
        return [f"{alter(self.schema, self.table)} ALTER CONSTRAINT {quote_ident(self.name)} {state};"]

    def reverse(self) -> Operation:
        return SetEnforced(self.schema, self.table, self.name, not self.enforced)

    def describe(self) -> str:
        verb = "enforce" if self.enforced else "stop enforcing (NOT ENFORCED)"
        return f"{verb} foreign key {self.name} on {self.table}"


@dataclass(frozen=True)
class _NoOp(Operation):
    """Nothing to run (the reverse of a validation)."""

    what: str
    action = Action.COMMENT

    @property
    def subject(self) -> str:
        return self.what

    def sql(self) -> list[str]:
        return []

    def reverse(self) -> Operation | None:
        return None

    def describe(self) -> str:
        return f"keep {self.what} as it is"


def add_constraint(schema: str, table: str, constraint: Constraint) -> Operation:
    # On a table that already exists, CHECK is added NOT VALID then validated. UNIQUE and PRIMARY KEY
    # stay plain ADD CONSTRAINT (transactional): the CONCURRENTLY + USING INDEX form (AddConstraint
    # using_index) would make drizzle-orm's one-transaction migrator fail on such a folder, and the
    # linter already points at it when the table is large.
    return AddConstraint(schema, table, constraint, not_valid=isinstance(constraint, CheckConstraint))


# --- SQL --------------------------------------------------------------------------------------------


def _deferral(deferrable: bool, initially_deferred: bool) -> str:
    if not deferrable:
        return ""
    return " DEFERRABLE INITIALLY DEFERRED" if initially_deferred else " DEFERRABLE"


def _enforcement(not_enforced: bool) -> str:
    """After the deferral, where PostgreSQL 18 writes it (servers before 18 reject the clause)."""
    return " NOT ENFORCED" if not_enforced else ""


def _key_columns(columns: tuple[str, ...], without_overlaps: bool) -> str:
    """A key's columns; a temporal key's last one ``WITHOUT OVERLAPS`` (PostgreSQL 18+)."""
    text = packed_idents(columns)
    return text + " WITHOUT OVERLAPS" if without_overlaps else text


def constraint_body(constraint: Constraint) -> str:
    """The constraint after ``CONSTRAINT "name"`` (without NOT VALID: see ``AddConstraint``)."""
    if isinstance(constraint, PrimaryKey):
        text = f"PRIMARY KEY({_key_columns(constraint.columns, constraint.without_overlaps)})"
        return text + _deferral(constraint.deferrable, constraint.initially_deferred)
    if isinstance(constraint, UniqueConstraint):
        nulls = " NULLS NOT DISTINCT" if constraint.nulls_not_distinct else ""
        text = f"UNIQUE{nulls}({_key_columns(constraint.columns, constraint.without_overlaps)})"
        return text + _deferral(constraint.deferrable, constraint.initially_deferred)
    if isinstance(constraint, CheckConstraint):
        return f"CHECK ({constraint.expression})" + _enforcement(constraint.not_enforced)
    if isinstance(constraint, ExcludeConstraint):
        return constraint.definition + _deferral(constraint.deferrable, constraint.initially_deferred)
    fk = constraint
    match = " MATCH FULL" if fk.match_full else ""
    only = f" ({idents(fk.on_delete_columns)})" if fk.on_delete_columns else ""
    text = (
        f"FOREIGN KEY ({idents(fk.columns)}) REFERENCES {qualified_name(fk.ref_schema, fk.ref_table)}"
        f"({idents(fk.ref_columns)}){match} ON DELETE {fk.on_delete}{only} ON UPDATE {fk.on_update}"
    )
    return text + _deferral(fk.deferrable, fk.initially_deferred) + _enforcement(fk.not_enforced)


def constraint_sql(constraint: Constraint) -> str:
    return f"CONSTRAINT {quote_ident(constraint.name)} {constraint_body(constraint)}"
