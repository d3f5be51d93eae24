"""What each kind of schema change costs: the lock it takes, whether it rewrites or scans, what it loses.

One catalogue, shared by the generator's operations (which attach these facts to what they emit and
choose safe forms) and by the linter (which finds the same actions in hand-written SQL). Keeping the
facts here means a lock level is corrected once for both. Source: the PostgreSQL documentation for
ALTER TABLE (https://www.postgresql.org/docs/current/sql-altertable.html) and explicit locking
(https://www.postgresql.org/docs/current/explicit-locking.html).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pgshift.model.types import parse_type
from pgshift.pg.functions import (
    VOLATILE_FUNCTIONS as VOLATILE_FUNCTIONS,  # owned there; the linter reads it here
)


class Lock(enum.IntEnum):
    """Table lock modes, weakest to strongest (the strongest of several subcommands wins)."""

    NONE = 0
    ACCESS_SHARE = 1
    ROW_SHARE = 2
    ROW_EXCLUSIVE = 3
    SHARE_UPDATE_EXCLUSIVE = 4
    SHARE = 5
    SHARE_ROW_EXCLUSIVE = 6
    EXCLUSIVE = 7
    ACCESS_EXCLUSIVE = 8

    @property
    def sql_name(self) -> str:
        return self.name.replace("_", " ")

    @property
    def blocks_reads(self) -> bool:
        return self >= Lock.ACCESS_EXCLUSIVE

    @property
    def blocks_writes(self) -> bool:
        return self >= Lock.SHARE


class HazardKind(enum.StrEnum):
    DATA_LOSS = "data-loss"  # rows or values are deleted
    REWRITE = "rewrite"  # the table (and its indexes) is rewritten under the lock
    SCAN = "scan"  # the whole table is read under the lock
    BLOCKS_READS = "blocks-reads"
    BLOCKS_WRITES = "blocks-writes"
    BACKWARD_INCOMPATIBLE = "backward-incompatible"  # running application code breaks
    DATA_DEPENDENT = "data-dependent"  # fails if existing rows violate it
    NON_TRANSACTIONAL = "non-transactional"  # cannot run inside a transaction block


@dataclass(frozen=True)
class Hazard:
    kind: HazardKind
    message: str


@dataclass(frozen=True)
class Effect:
    """The facts of one action. ``safe`` is the safe alternative, in a sentence, when there is one."""

    lock: Lock
    rewrite: bool = False
    scan: bool = False
    data_loss: bool = False
    backward_incompatible: bool = False
    data_dependent: bool = False
    transactional: bool = True
    safe: str | None = None


AE = Lock.ACCESS_EXCLUSIVE

EFFECTS: dict[str, Effect] = {
    "create_schema": Effect(Lock.NONE),
    "drop_schema": Effect(AE, data_loss=True, safe="Drop the objects in it in earlier, reviewed migrations."),
    "create_type": Effect(Lock.NONE),
    "drop_type": Effect(AE, data_loss=True, backward_incompatible=True),
    "add_enum_value": Effect(
        Lock.SHARE_ROW_EXCLUSIVE,
        safe="Commit the new value before any statement uses it (a separate migration).",
    ),
    "rename_enum_value": Effect(AE, backward_incompatible=True),
    "create_sequence": Effect(Lock.NONE),
    "alter_sequence": Effect(AE),
    "drop_sequence": Effect(AE, data_loss=True),
    "create_table": Effect(Lock.NONE),
    "drop_table": Effect(AE, data_loss=True, safe="Stop using the table in a release first; drop it later."),
    "rename_table": Effect(
        AE, backward_incompatible=True, safe="Expand and contract: create a view with the old name, or copy."
    ),
    "truncate": Effect(AE, data_loss=True),
    "add_column": Effect(AE),
    "add_column_volatile_default": Effect(
        AE, rewrite=True, safe="Add the column without a default, set the default, then backfill in batches."
    ),
    "add_column_not_null_no_default": Effect(
        AE,
        data_dependent=True,
        safe="Add it nullable (or with a default), backfill, then SET NOT NULL in a later migration.",
    ),
    "add_column_stored_generated": Effect(AE, rewrite=True),
    "add_column_identity": Effect(AE, rewrite=True),
    "drop_column": Effect(
        AE,
        data_loss=True,
        backward_incompatible=True,
        safe="Stop reading the column in a release first (expand/contract); drop it later.",
    ),
    "rename_column": Effect(
        AE,
        backward_incompatible=True,
        safe="Expand and contract: add the new column, write both, backfill, switch reads, drop the old.",
    ),
    "alter_column_type": Effect(
        AE,
        rewrite=True,
        data_dependent=True,
        safe="Add a new column of the new type, backfill in batches, switch, drop the old one.",
    ),
    "alter_column_type_coercible": Effect(AE),
    "set_not_null": Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="ADD CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; SET NOT NULL (PG12+ skips the scan); "
        "drop the CHECK.",
    ),
    "drop_not_null": Effect(AE),
    "set_default": Effect(AE),
    "drop_default": Effect(AE),
    "add_identity": Effect(AE),
    "drop_identity": Effect(AE),
    "alter_identity": Effect(AE),
    "add_foreign_key": Effect(
        Lock.SHARE_ROW_EXCLUSIVE,
        scan=True,
        data_dependent=True,
        safe="ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    ),
    "add_foreign_key_not_valid": Effect(Lock.SHARE_ROW_EXCLUSIVE),
    "validate_constraint": Effect(Lock.SHARE_UPDATE_EXCLUSIVE, scan=True, data_dependent=True),
    "add_check": Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    ),
    "add_check_not_valid": Effect(AE),
    "add_unique": Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.",
    ),
    "add_primary_key": Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.",
    ),
    "add_constraint_using_index": Effect(AE),
    "add_exclude": Effect(AE, scan=True, data_dependent=True),
    "set_logged": Effect(AE, rewrite=True),
    "set_unlogged": Effect(AE, rewrite=True),
    # CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE (briefly: the new table is empty,
    # but a DEFAULT partition is scanned for rows that now belong to the new one).
    "create_partition": Effect(AE, scan=True, data_dependent=True),
    "attach_partition": Effect(
        Lock.SHARE_UPDATE_EXCLUSIVE,
        scan=True,
        data_dependent=True,
        safe="Add a CHECK matching the bound first (NOT VALID, then VALIDATE) so ATTACH skips its scan.",
    ),
    "drop_partition": Effect(AE, data_loss=True, safe="Detach it CONCURRENTLY (PG14+) first; drop it later."),
    "inherit": Effect(AE),
    "no_inherit": Effect(AE),
    "drop_constraint": Effect(AE),
    "rename_constraint": Effect(AE),
    "rename_index": Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    "create_index": Effect(Lock.SHARE, safe="CREATE INDEX CONCURRENTLY, outside a transaction."),
    "create_index_concurrently": Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    "drop_index": Effect(AE, safe="DROP INDEX CONCURRENTLY, outside a transaction."),
    "drop_index_concurrently": Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    "reindex_concurrently": Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    "detach_partition": Effect(AE, safe="DETACH PARTITION ... CONCURRENTLY (PG14+)."),
    "detach_partition_concurrently": Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    "comment": Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    "enable_rls": Effect(AE),
    "disable_rls": Effect(AE),
    "create_policy": Effect(AE),
    "alter_policy": Effect(AE),
    "drop_policy": Effect(AE),
    "create_view": Effect(Lock.NONE),
    "drop_view": Effect(AE, backward_incompatible=True),
    "refresh_materialized_view": Effect(AE),
    "create_function": Effect(Lock.NONE),
    "replace_function": Effect(Lock.NONE, backward_incompatible=True),
    "drop_function": Effect(Lock.NONE, backward_incompatible=True),
    "create_trigger": Effect(Lock.SHARE_ROW_EXCLUSIVE),
    "alter_trigger": Effect(Lock.SHARE_ROW_EXCLUSIVE),
    "drop_trigger": Effect(AE),
    "create_rule": Effect(AE),
    "create_object": Effect(Lock.NONE),
    "drop_object": Effect(Lock.NONE, backward_incompatible=True),
    "drop_rule": Effect(AE),
    "vacuum_full": Effect(AE, rewrite=True),
}


def hazards_of(action: str, subject: str) -> tuple[Hazard, ...]:
    """The hazards of an action on ``subject`` (``"users.email"``), as sentences for people."""
    effect = EFFECTS[action]
    out: list[Hazard] = []
    if effect.data_loss:
        out.append(Hazard(HazardKind.DATA_LOSS, f"{subject}: its data is deleted"))
    if effect.rewrite:
        out.append(
            Hazard(HazardKind.REWRITE, f"{subject}: the table is rewritten under {effect.lock.sql_name}")
        )
    if effect.scan:
        out.append(Hazard(HazardKind.SCAN, f"{subject}: the table is scanned under {effect.lock.sql_name}"))
    if effect.lock.blocks_reads:
        out.append(
            Hazard(HazardKind.BLOCKS_READS, f"{subject}: reads and writes wait for {effect.lock.sql_name}")
        )
    elif effect.lock.blocks_writes:
        out.append(Hazard(HazardKind.BLOCKS_WRITES, f"{subject}: writes wait for {effect.lock.sql_name}"))
    if effect.backward_incompatible:
        out.append(Hazard(HazardKind.BACKWARD_INCOMPATIBLE, f"{subject}: running application code may break"))
    if effect.data_dependent:
        out.append(Hazard(HazardKind.DATA_DEPENDENT, f"{subject}: fails if existing rows do not fit"))
    if not effect.transactional:
        out.append(Hazard(HazardKind.NON_TRANSACTIONAL, f"{subject}: cannot run inside a transaction block"))
    return tuple(out)


def _varchar_length(spelling: str) -> int | None:
    inside = spelling.partition("(")[2].rstrip(")")
    return int(inside) if inside.isdigit() else None


def binary_coercible(old: str, new: str, *, utc_session: bool = False) -> bool:
    """Whether ``ALTER COLUMN TYPE old -> new`` skips the table rewrite (PostgreSQL 12+).

    True for: varchar(n) -> text or unbounded varchar; varchar(n) -> varchar(m) with m >= n;
    numeric(p, s) -> numeric(q, s) with q >= p, or to unconstrained numeric; cidr -> inet;
    timestamp <-> timestamptz when the session time zone is UTC. Anything else rewrites.
    """
    a, b = parse_type(old), parse_type(new)
    if a.dimensions != b.dimensions:
        return False
    if a.base == b.base:
        return True
    if a.base.startswith("varchar"):
        if b.base in ("text", "varchar"):
            return True
        la, lb = _varchar_length(a.base), _varchar_length(b.base)
        return b.base.startswith("varchar(") and la is not None and lb is not None and lb >= la
    if a.base == "text" and b.base == "varchar":
        return True
    if a.base.startswith("numeric") and b.base.startswith("numeric"):
        if b.base == "numeric":
            return True
        pa = [int(x) for x in a.base.partition("(")[2].rstrip(")").split(",") if x.strip()]
        pb = [int(x) for x in b.base.partition("(")[2].rstrip(")").split(",") if x.strip()]
        scale_a = pa[1] if len(pa) > 1 else 0
        scale_b = pb[1] if len(pb) > 1 else 0
        return bool(pa) and bool(pb) and scale_a == scale_b and pb[0] >= pa[0]
    if a.base == "cidr" and b.base == "inet":
        return True
    stamps = {"timestamp", "timestamp with time zone"}
    return utc_session and {a.base, b.base} == stamps
