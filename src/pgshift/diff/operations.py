"""Typed schema-change operations: what the differ emits, what migrations and their reverses are made of.

The operations live with their kind in pgshift.diff.kinds (one module per kind); this module gathers
them under one name for the code that handles operations of every kind (render, dataloss, tests).

Each operation is a frozen dataclass carrying everything needed to write its SQL AND to undo it (a
dropped column keeps its whole definition), so the down migration is built from ``op.reverse()``
rather than by a second, separate differ. Each knows its hazard-catalogue action (pgshift.hazards),
so ``generate`` can mark risky steps and the linter agrees with it.

Safe forms chosen here, because they cost nothing:
- an index on a table that already exists is built ``CONCURRENTLY`` in its own non-transactional op;
- a FOREIGN KEY or CHECK added to an existing table is added ``NOT VALID`` and validated in a second
  statement (the long scan then takes a lock that lets reads and writes through);
- ``ALTER TYPE ... ADD VALUE`` is non-transactional, so the runner commits the value before a later
  statement of the same migration uses it;
- removing enum values recreates the type (rename away, create, convert each column, drop old).
"""

from __future__ import annotations

from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation, destroyed_by
from pgshift.diff.kinds.column import (
    AddColumn,
    AlterColumnType,
    AlterIdentity,
    DropColumn,
    RenameColumn,
    SetColumnComment,
    SetDefault,
    SetNotNull,
    needs_using,
)
from pgshift.diff.kinds.constraint import AddConstraint, Constraint, DropConstraint, RenameConstraint
from pgshift.diff.kinds.enum import (
    AddEnumValues,
    CreateEnum,
    DropEnum,
    EnumUsage,
    RecreateEnum,
    RenameEnum,
    RenameEnumValue,
)
from pgshift.diff.kinds.index import CreateIndex, DropIndex, RenameIndex
from pgshift.diff.kinds.policy import CreatePolicy, DropPolicy
from pgshift.diff.kinds.schema import CreateSchema, DropSchema, RenameSchema
from pgshift.diff.kinds.sequence import AlterSequence, CreateSequence, DropSequence, RenameSequence
from pgshift.diff.kinds.table import CreateTable, DropTable, RenameTable, SetRowLevelSecurity, SetTableComment
from pgshift.diff.kinds.view import CreateView, DropView

__all__ = [
    "AddColumn",
    "AddConstraint",
    "AddEnumValues",
    "AlterColumnType",
    "AlterIdentity",
    "AlterSequence",
    "Constraint",
    "CreateEnum",
    "CreateIndex",
    "CreatePolicy",
    "CreateSchema",
    "CreateSequence",
    "CreateTable",
    "CreateView",
    "Destroyed",
    "DestroyedKind",
    "DropColumn",
    "DropConstraint",
    "DropEnum",
    "DropIndex",
    "DropPolicy",
    "DropSchema",
    "DropSequence",
    "DropTable",
    "DropView",
    "EnumUsage",
    "Operation",
    "RecreateEnum",
    "RenameColumn",
    "RenameConstraint",
    "RenameEnum",
    "RenameEnumValue",
    "RenameIndex",
    "RenameSchema",
    "RenameSequence",
    "RenameTable",
    "SetColumnComment",
    "SetDefault",
    "SetNotNull",
    "SetRowLevelSecurity",
    "SetTableComment",
    "destroyed_by",
    "needs_using",
]
