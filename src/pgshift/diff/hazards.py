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

from pgshift.model.types import SqlType, parse_type
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
    PRECONDITION = "precondition"  # fails unless something else holds first (a unique index, ...)
    STALE = "stale"  # values computed before (index entries, generated columns) are not recomputed


@dataclass(frozen=True)
class Hazard:
    """A risk an operation carries (its kind) and the sentence that says it."""

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
    requires: str | None = None  # what must hold or the statement fails (PRECONDITION), in a phrase


class Change(enum.Enum):
    """What an action does to its object: brings it into being, removes it, or changes it in place."""

    CREATE = "create"
    DROP = "drop"
    ALTER = "alter"


class Action(enum.StrEnum):
    """Every kind of change the catalogue knows, named ``<verb>_<object>`` (``add_column``, ``drop_index``).

    Operations report one of these; the linter names the same actions for hand-written SQL. A StrEnum,
    so the value is the catalogue key the linter's rules spell.
    """

    CREATE_SCHEMA = "create_schema"
    DROP_SCHEMA = "drop_schema"
    CREATE_TYPE = "create_type"
    DROP_TYPE = "drop_type"
    ADD_ENUM_VALUE = "add_enum_value"
    RENAME_ENUM_VALUE = "rename_enum_value"
    CREATE_SEQUENCE = "create_sequence"
    ALTER_SEQUENCE = "alter_sequence"
    DROP_SEQUENCE = "drop_sequence"
    CREATE_TABLE = "create_table"
    DROP_TABLE = "drop_table"
    RENAME_TABLE = "rename_table"
    TRUNCATE = "truncate"
    ADD_COLUMN = "add_column"
    ADD_COLUMN_VOLATILE_DEFAULT = "add_column_volatile_default"
    ADD_COLUMN_NOT_NULL_NO_DEFAULT = "add_column_not_null_no_default"
    ADD_COLUMN_STORED_GENERATED = "add_column_stored_generated"
    ADD_COLUMN_IDENTITY = "add_column_identity"
    DROP_COLUMN = "drop_column"
    RENAME_COLUMN = "rename_column"
    ALTER_COLUMN_TYPE = "alter_column_type"
    ALTER_COLUMN_TYPE_COERCIBLE = "alter_column_type_coercible"
    ALTER_COLUMN_DROP_EXPRESSION = "alter_column_drop_expression"  # a generated column becomes plain
    ALTER_COLUMN_GENERATED = "alter_column_generated"  # a column becomes generated: dropped and added back
    SET_NOT_NULL = "set_not_null"
    DROP_NOT_NULL = "drop_not_null"
    SET_DEFAULT = "set_default"
    DROP_DEFAULT = "drop_default"
    ADD_IDENTITY = "add_identity"
    DROP_IDENTITY = "drop_identity"
    ALTER_IDENTITY = "alter_identity"
    ADD_FOREIGN_KEY = "add_foreign_key"
    ADD_FOREIGN_KEY_NOT_VALID = "add_foreign_key_not_valid"
    VALIDATE_CONSTRAINT = "validate_constraint"
    ADD_CONSTRAINT_NOT_ENFORCED = "add_constraint_not_enforced"  # PostgreSQL 18+: CHECK / FOREIGN KEY
    ADD_NOT_NULL_NOT_VALID = (
        "add_not_null_not_valid"  # PostgreSQL 18+: ADD CONSTRAINT x NOT NULL col NOT VALID
    )
    ENFORCE_CONSTRAINT = "enforce_constraint"  # ALTER CONSTRAINT ... ENFORCED (foreign keys, 18+)
    UNENFORCE_CONSTRAINT = "unenforce_constraint"  # ALTER CONSTRAINT ... NOT ENFORCED
    ADD_CHECK = "add_check"
    ADD_CHECK_NOT_VALID = "add_check_not_valid"
    ADD_UNIQUE = "add_unique"
    ADD_PRIMARY_KEY = "add_primary_key"
    ADD_CONSTRAINT_USING_INDEX = "add_constraint_using_index"
    ADD_EXCLUDE = "add_exclude"
    SET_LOGGED = "set_logged"
    SET_UNLOGGED = "set_unlogged"
    SET_STORAGE_PARAMETERS = "set_storage_parameters"
    SET_CLUSTER = "set_cluster"
    SET_ACCESS_METHOD = "set_access_method"
    SET_COLUMN_STATISTICS = "set_column_statistics"
    SET_INDEX_STATISTICS = "set_index_statistics"
    SET_VIEW_COLUMN_DEFAULT = "set_view_column_default"
    SET_COLUMN_STORAGE = "set_column_storage"
    SET_CATALOG_TABLE_OPTION = "set_catalog_table_option"
    CREATE_PARTITION = "create_partition"
    ATTACH_PARTITION = "attach_partition"
    DROP_PARTITION = "drop_partition"
    INHERIT = "inherit"
    NO_INHERIT = "no_inherit"
    DROP_CONSTRAINT = "drop_constraint"
    RENAME_CONSTRAINT = "rename_constraint"
    RENAME_INDEX = "rename_index"
    CREATE_INDEX = "create_index"
    CREATE_INDEX_CONCURRENTLY = "create_index_concurrently"
    DROP_INDEX = "drop_index"
    DROP_INDEX_CONCURRENTLY = "drop_index_concurrently"
    REINDEX_CONCURRENTLY = "reindex_concurrently"
    DETACH_PARTITION = "detach_partition"
    DETACH_PARTITION_CONCURRENTLY = "detach_partition_concurrently"
    COMMENT = "comment"
    ENABLE_RLS = "enable_rls"
    DISABLE_RLS = "disable_rls"
    CREATE_POLICY = "create_policy"
    ALTER_POLICY = "alter_policy"
    DROP_POLICY = "drop_policy"
    CREATE_VIEW = "create_view"
    REPLACE_VIEW = "replace_view"
    DROP_VIEW = "drop_view"
    REFRESH_MATERIALIZED_VIEW = "refresh_materialized_view"
    REFRESH_MATERIALIZED_VIEW_CONCURRENTLY = "refresh_materialized_view_concurrently"
    CREATE_FUNCTION = "create_function"
    REPLACE_FUNCTION = "replace_function"
    DROP_FUNCTION = "drop_function"
    CREATE_TRIGGER = "create_trigger"
    ALTER_TRIGGER = "alter_trigger"
    DROP_TRIGGER = "drop_trigger"
    CREATE_RULE = "create_rule"
    CREATE_OBJECT = "create_object"
    DROP_OBJECT = "drop_object"
    ALTER_DOMAIN = "alter_domain"
    DROP_RULE = "drop_rule"
    CREATE_EVENT_TRIGGER = "create_event_trigger"
    ALTER_EVENT_TRIGGER = "alter_event_trigger"
    DROP_EVENT_TRIGGER = "drop_event_trigger"
    CREATE_STATISTICS = "create_statistics"
    ALTER_STATISTICS = "alter_statistics"
    DROP_STATISTICS = "drop_statistics"
    CREATE_FOREIGN_TABLE = "create_foreign_table"
    DROP_FOREIGN_TABLE = "drop_foreign_table"
    ALTER_FOREIGN_TABLE_OPTIONS = "alter_foreign_table_options"
    CREATE_SERVER = "create_server"
    ALTER_SERVER = "alter_server"
    DROP_SERVER = "drop_server"
    CREATE_FOREIGN_DATA_WRAPPER = "create_foreign_data_wrapper"
    ALTER_FOREIGN_DATA_WRAPPER = "alter_foreign_data_wrapper"
    DROP_FOREIGN_DATA_WRAPPER = "drop_foreign_data_wrapper"
    CREATE_PUBLICATION = "create_publication"
    ALTER_PUBLICATION = "alter_publication"  # SET (publish = ..., publish_via_partition_root = ...)
    ALTER_PUBLICATION_TABLES = "alter_publication_tables"  # ADD / DROP TABLE, TABLES IN SCHEMA
    DROP_PUBLICATION = "drop_publication"
    RENAME_PUBLICATION = "rename_publication"
    CREATE_TS_DICTIONARY = "create_ts_dictionary"
    ALTER_TS_DICTIONARY = "alter_ts_dictionary"
    DROP_TS_DICTIONARY = "drop_ts_dictionary"
    CREATE_TS_CONFIGURATION = "create_ts_configuration"
    ALTER_TS_CONFIGURATION = "alter_ts_configuration"
    DROP_TS_CONFIGURATION = "drop_ts_configuration"
    CREATE_CAST = "create_cast"
    DROP_CAST = "drop_cast"
    CREATE_OPERATOR = "create_operator"
    ALTER_OPERATOR = "alter_operator"
    DROP_OPERATOR = "drop_operator"
    GRANT_PRIVILEGE = "grant_privilege"
    REVOKE_PRIVILEGE = "revoke_privilege"
    VACUUM_FULL = "vacuum_full"

    @property
    def change(self) -> Change:
        """Create (``create_*``, ``add_*``), drop (``drop_*``) or alter (every other verb)."""
        verb = self.value.partition("_")[0]
        if verb in ("create", "add"):
            return Change.CREATE
        return Change.DROP if verb == "drop" else Change.ALTER

    @property
    def target(self) -> str:
        """What the action works on, after its verb: ``column_volatile_default`` for ``add_column_volatile_default``."""
        return self.value.partition("_")[2]


AE = Lock.ACCESS_EXCLUSIVE

# Keyed by Action; typed by its str value so the linter's rules can name an action as text.
EFFECTS: dict[str, Effect] = {
    Action.CREATE_SCHEMA: Effect(Lock.NONE),
    Action.DROP_SCHEMA: Effect(
        AE, data_loss=True, safe="Drop the objects in it in earlier, reviewed migrations."
    ),
    Action.CREATE_TYPE: Effect(Lock.NONE),
    Action.DROP_TYPE: Effect(AE, data_loss=True, backward_incompatible=True),
    Action.ADD_ENUM_VALUE: Effect(
        Lock.SHARE_ROW_EXCLUSIVE,
        safe="Commit the new value before any statement uses it (a separate migration).",
    ),
    Action.RENAME_ENUM_VALUE: Effect(AE, backward_incompatible=True),
    Action.CREATE_SEQUENCE: Effect(Lock.NONE),
    Action.ALTER_SEQUENCE: Effect(AE),
    Action.DROP_SEQUENCE: Effect(AE, data_loss=True),
    Action.CREATE_TABLE: Effect(Lock.NONE),
    Action.DROP_TABLE: Effect(
        AE, data_loss=True, safe="Stop using the table in a release first; drop it later."
    ),
    Action.RENAME_TABLE: Effect(
        AE, backward_incompatible=True, safe="Expand and contract: create a view with the old name, or copy."
    ),
    Action.TRUNCATE: Effect(AE, data_loss=True),
    Action.ADD_COLUMN: Effect(AE),
    Action.ADD_COLUMN_VOLATILE_DEFAULT: Effect(
        AE, rewrite=True, safe="Add the column without a default, set the default, then backfill in batches."
    ),
    Action.ADD_COLUMN_NOT_NULL_NO_DEFAULT: Effect(
        AE,
        data_dependent=True,
        safe="Add it nullable (or with a default), backfill, then SET NOT NULL in a later migration.",
    ),
    Action.ADD_COLUMN_STORED_GENERATED: Effect(AE, rewrite=True),
    Action.ADD_COLUMN_IDENTITY: Effect(AE, rewrite=True),
    Action.DROP_COLUMN: Effect(
        AE,
        data_loss=True,
        backward_incompatible=True,
        safe="Stop reading the column in a release first (expand/contract); drop it later.",
    ),
    Action.RENAME_COLUMN: Effect(
        AE,
        backward_incompatible=True,
        safe="Expand and contract: add the new column, write both, backfill, switch reads, drop the old.",
    ),
    Action.ALTER_COLUMN_TYPE: Effect(
        AE,
        rewrite=True,
        data_dependent=True,
        safe="Add a new column of the new type, backfill in batches, switch, drop the old one.",
    ),
    Action.ALTER_COLUMN_TYPE_COERCIBLE: Effect(AE),
    # The stored values stay as they are (no rewrite); only the expression goes (PostgreSQL 13+).
    Action.ALTER_COLUMN_DROP_EXPRESSION: Effect(AE),
    # Dropped and added back (no ALTER makes a column generated): the table is rewritten to compute it;
    # a plain column's values are lost (the operation adds that hazard), a generated one's recomputed.
    Action.ALTER_COLUMN_GENERATED: Effect(AE, rewrite=True),
    Action.SET_NOT_NULL: Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="ADD CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; SET NOT NULL (PG12+ skips the scan); "
        "drop the CHECK.",
    ),
    Action.DROP_NOT_NULL: Effect(AE),
    Action.SET_DEFAULT: Effect(AE),
    Action.DROP_DEFAULT: Effect(AE),
    Action.ADD_IDENTITY: Effect(AE),
    Action.DROP_IDENTITY: Effect(AE),
    Action.ALTER_IDENTITY: Effect(AE),
    Action.ADD_FOREIGN_KEY: Effect(
        Lock.SHARE_ROW_EXCLUSIVE,
        scan=True,
        data_dependent=True,
        safe="ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    ),
    Action.ADD_FOREIGN_KEY_NOT_VALID: Effect(Lock.SHARE_ROW_EXCLUSIVE),
    Action.VALIDATE_CONSTRAINT: Effect(Lock.SHARE_UPDATE_EXCLUSIVE, scan=True, data_dependent=True),
    # NOT ENFORCED (18+, locks as PostgreSQL 18 took them): nothing is read when such a constraint is
    # added or switched off; switching a foreign key on checks every row (it fails on the first that
    # does not match) while the table is locked ACCESS EXCLUSIVE.
    Action.ADD_CONSTRAINT_NOT_ENFORCED: Effect(AE),
    Action.ADD_NOT_NULL_NOT_VALID: Effect(AE),  # existing rows are not read; VALIDATE later scans them
    Action.ENFORCE_CONSTRAINT: Effect(AE, scan=True, data_dependent=True),
    Action.UNENFORCE_CONSTRAINT: Effect(AE),
    Action.ADD_CHECK: Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    ),
    Action.ADD_CHECK_NOT_VALID: Effect(AE),
    Action.ADD_UNIQUE: Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX.",
    ),
    Action.ADD_PRIMARY_KEY: Effect(
        AE,
        scan=True,
        data_dependent=True,
        safe="CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.",
    ),
    Action.ADD_CONSTRAINT_USING_INDEX: Effect(AE),
    Action.ADD_EXCLUDE: Effect(AE, scan=True, data_dependent=True),
    Action.SET_LOGGED: Effect(AE, rewrite=True),
    Action.SET_UNLOGGED: Effect(AE, rewrite=True),
    # ALTER TABLE SET/RESET (storage parameters): SHARE UPDATE EXCLUSIVE for fillfactor, autovacuum,
    # toast and planner parameters; user_catalog_table takes ACCESS EXCLUSIVE. Nothing is rewritten
    # (a new fillfactor applies to pages written from then on).
    Action.SET_STORAGE_PARAMETERS: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    # ALTER TABLE CLUSTER ON / SET WITHOUT CLUSTER only mark the index CLUSTER uses (nothing is reordered)
    Action.SET_CLUSTER: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    # ALTER TABLE ... SET ACCESS METHOD (PostgreSQL 15+) writes every row into the new access method's
    # storage: a rewrite under ACCESS EXCLUSIVE, like SET LOGGED.
    Action.SET_ACCESS_METHOD: Effect(
        AE,
        rewrite=True,
        safe="Create a new table USING the access method, copy the rows in batches, then swap the names.",
    ),
    # ALTER COLUMN SET STATISTICS and SET/RESET (n_distinct ...): SHARE UPDATE EXCLUSIVE. SET STORAGE and
    # SET COMPRESSION: ACCESS EXCLUSIVE, but only rows written from then on change (no rewrite).
    Action.SET_COLUMN_STATISTICS: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    # ALTER INDEX ... ALTER COLUMN n SET STATISTICS: SHARE UPDATE EXCLUSIVE on the index (writes go on)
    Action.SET_INDEX_STATISTICS: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    # ALTER VIEW ... ALTER COLUMN SET / DROP DEFAULT: ACCESS EXCLUSIVE on the view, no data touched
    Action.SET_VIEW_COLUMN_DEFAULT: Effect(AE),
    Action.SET_COLUMN_STORAGE: Effect(AE),
    Action.SET_CATALOG_TABLE_OPTION: Effect(AE),
    # CREATE TABLE ... PARTITION OF locks the parent ACCESS EXCLUSIVE (briefly: the new table is empty,
    # but a DEFAULT partition is scanned for rows that now belong to the new one).
    Action.CREATE_PARTITION: Effect(AE, scan=True, data_dependent=True),
    Action.ATTACH_PARTITION: Effect(
        Lock.SHARE_UPDATE_EXCLUSIVE,
        scan=True,
        data_dependent=True,
        safe="Add a CHECK matching the bound first (NOT VALID, then VALIDATE) so ATTACH skips its scan.",
    ),
    Action.DROP_PARTITION: Effect(
        AE, data_loss=True, safe="Detach it CONCURRENTLY (PG14+) first; drop it later."
    ),
    Action.INHERIT: Effect(AE),
    Action.NO_INHERIT: Effect(AE),
    Action.DROP_CONSTRAINT: Effect(AE),
    Action.RENAME_CONSTRAINT: Effect(AE),
    Action.RENAME_INDEX: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    Action.CREATE_INDEX: Effect(Lock.SHARE, safe="CREATE INDEX CONCURRENTLY, outside a transaction."),
    Action.CREATE_INDEX_CONCURRENTLY: Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    Action.DROP_INDEX: Effect(AE, safe="DROP INDEX CONCURRENTLY, outside a transaction."),
    Action.DROP_INDEX_CONCURRENTLY: Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    Action.REINDEX_CONCURRENTLY: Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    Action.DETACH_PARTITION: Effect(AE, safe="DETACH PARTITION ... CONCURRENTLY (PG14+)."),
    Action.DETACH_PARTITION_CONCURRENTLY: Effect(Lock.SHARE_UPDATE_EXCLUSIVE, transactional=False),
    Action.COMMENT: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    Action.ENABLE_RLS: Effect(AE),
    Action.DISABLE_RLS: Effect(AE),
    Action.CREATE_POLICY: Effect(AE),
    Action.ALTER_POLICY: Effect(AE),
    Action.DROP_POLICY: Effect(AE),
    Action.CREATE_VIEW: Effect(Lock.NONE),
    # CREATE OR REPLACE VIEW locks the view ACCESS EXCLUSIVE; it may only add columns at the end.
    Action.REPLACE_VIEW: Effect(
        AE,
        requires="the new query keeps every column (name, type, position) and only adds columns at the end",
        safe="To change or remove columns: DROP VIEW and CREATE VIEW (with what reads it) in one transaction.",
    ),
    # Views and rules reading it block the drop (CASCADE drops them too); pgshift drops them first.
    Action.DROP_VIEW: Effect(
        AE,
        backward_incompatible=True,
        safe="Drop what reads it first, each by name, rather than with CASCADE.",
    ),
    # Recomputed under ACCESS EXCLUSIVE: reads of the view wait for the whole query.
    Action.REFRESH_MATERIALIZED_VIEW: Effect(
        AE,
        scan=True,
        safe="REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view): reads go on.",
    ),
    # EXCLUSIVE: reads go on, other refreshes and writes wait; refused on a view never populated.
    Action.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY: Effect(
        Lock.EXCLUSIVE,
        scan=True,
        requires="a unique index on the view's plain columns (no WHERE, no expressions), and the view populated",
    ),
    Action.CREATE_FUNCTION: Effect(Lock.NONE),
    Action.REPLACE_FUNCTION: Effect(Lock.NONE, backward_incompatible=True),
    Action.DROP_FUNCTION: Effect(Lock.NONE, backward_incompatible=True),
    Action.CREATE_TRIGGER: Effect(Lock.SHARE_ROW_EXCLUSIVE),
    Action.ALTER_TRIGGER: Effect(Lock.SHARE_ROW_EXCLUSIVE),
    Action.DROP_TRIGGER: Effect(AE),
    Action.CREATE_RULE: Effect(AE),
    Action.CREATE_OBJECT: Effect(Lock.NONE),
    Action.DROP_OBJECT: Effect(Lock.NONE, backward_incompatible=True),
    # ADD CONSTRAINT / SET NOT NULL check every column of the domain: SHARE on those tables while
    # they are scanned, and the statement fails if stored values break the new rule.
    Action.ALTER_DOMAIN: Effect(Lock.SHARE, scan=True, data_dependent=True),
    Action.DROP_RULE: Effect(AE),
    # Event triggers lock no table; creating or altering one needs a superuser (PostgreSQL refuses any
    # other role). From its creation on, its function runs for every matching command in the database,
    # the migration's own later statements included.
    Action.CREATE_EVENT_TRIGGER: Effect(Lock.NONE, requires="the migrating role is a superuser"),
    Action.ALTER_EVENT_TRIGGER: Effect(Lock.NONE, requires="the migrating role is a superuser"),
    Action.DROP_EVENT_TRIGGER: Effect(Lock.NONE),
    # Extended statistics (pg_locks on 15): CREATE and DROP STATISTICS take SHARE UPDATE EXCLUSIVE on the
    # table (writes go on; VACUUM, ANALYZE and DDL wait); ALTER STATISTICS ... SET STATISTICS takes no
    # table lock. A new object holds nothing until the table is analyzed.
    Action.CREATE_STATISTICS: Effect(
        Lock.SHARE_UPDATE_EXCLUSIVE, safe="ANALYZE the table afterwards: the planner uses it from then on."
    ),
    Action.ALTER_STATISTICS: Effect(Lock.NONE),
    Action.DROP_STATISTICS: Effect(Lock.SHARE_UPDATE_EXCLUSIVE),
    # Foreign tables hold no rows here: dropping one loses no local data (the remote table is untouched),
    # but queries that use it break. Changing its options takes ACCESS EXCLUSIVE, briefly (no scan).
    Action.CREATE_FOREIGN_TABLE: Effect(Lock.NONE),
    Action.DROP_FOREIGN_TABLE: Effect(AE, backward_incompatible=True),
    Action.ALTER_FOREIGN_TABLE_OPTIONS: Effect(AE),
    Action.CREATE_SERVER: Effect(Lock.NONE),
    Action.ALTER_SERVER: Effect(Lock.NONE),
    # never CASCADE: a user mapping (not managed) or a foreign table outside the managed schemas on it
    # makes it fail; the down file's CREATE SERVER brings back neither them nor credential options
    Action.DROP_SERVER: Effect(
        Lock.NONE,
        backward_incompatible=True,
        requires="no user mapping or unmanaged foreign table uses the server (pgshift never writes CASCADE)",
    ),
    Action.CREATE_FOREIGN_DATA_WRAPPER: Effect(Lock.NONE, requires="the migrating role is a superuser"),
    Action.ALTER_FOREIGN_DATA_WRAPPER: Effect(Lock.NONE, requires="the migrating role is a superuser"),
    Action.DROP_FOREIGN_DATA_WRAPPER: Effect(Lock.NONE, requires="no server outside the schema code uses it"),
    # Publications (pg_locks on 15): CREATE PUBLICATION ... FOR TABLE and ALTER PUBLICATION ADD/DROP
    # TABLE take SHARE UPDATE EXCLUSIVE on each table they name (writes go on; VACUUM and DDL wait); FOR
    # ALL TABLES, TABLES IN SCHEMA, SET (...) and DROP PUBLICATION lock no table. A table published with
    # UPDATE or DELETE needs a replica identity (a primary key, or REPLICA IDENTITY): without one, its
    # UPDATEs and DELETEs fail from then on. Dropping a publication, or taking a table out, stops its
    # subscribers receiving those changes (a dropped one makes them fail): push asks first.
    Action.CREATE_PUBLICATION: Effect(
        Lock.SHARE_UPDATE_EXCLUSIVE,
        safe="Give every table it publishes a primary key (or REPLICA IDENTITY) first: without one, its "
        "UPDATEs and DELETEs fail once published.",
    ),
    Action.ALTER_PUBLICATION: Effect(Lock.NONE),
    Action.ALTER_PUBLICATION_TABLES: Effect(
        Lock.SHARE_UPDATE_EXCLUSIVE,
        safe="Give a table a primary key (or REPLICA IDENTITY) before publishing its UPDATEs and DELETEs; "
        "refresh the subscriptions (ALTER SUBSCRIPTION ... REFRESH PUBLICATION) after adding tables.",
    ),
    Action.RENAME_PUBLICATION: Effect(
        Lock.NONE,
        backward_incompatible=True,
        safe="Point each subscription at the new name right after (ALTER SUBSCRIPTION ... SET PUBLICATION).",
    ),
    Action.DROP_PUBLICATION: Effect(
        Lock.NONE,
        backward_incompatible=True,
        safe="Drop the subscriptions that use it first (DROP SUBSCRIPTION on each subscriber).",
    ),
    # Text search dictionaries and configurations are catalog rows: no table lock. Changing what one
    # computes leaves stored tsvectors and expression indexes stale (a STALE hazard the op adds).
    Action.CREATE_TS_DICTIONARY: Effect(Lock.NONE),
    Action.ALTER_TS_DICTIONARY: Effect(Lock.NONE),
    Action.DROP_TS_DICTIONARY: Effect(Lock.NONE),
    Action.CREATE_TS_CONFIGURATION: Effect(Lock.NONE),
    Action.ALTER_TS_CONFIGURATION: Effect(Lock.NONE),
    Action.DROP_TS_CONFIGURATION: Effect(Lock.NONE),
    # Casts and operators lock no table. A DROP fails while something uses them (a default, CHECK,
    # index or view naming the operator; an expression relying on the cast): the drop ops say which.
    Action.CREATE_CAST: Effect(Lock.NONE),
    Action.DROP_CAST: Effect(Lock.NONE),
    Action.CREATE_OPERATOR: Effect(Lock.NONE),
    Action.ALTER_OPERATOR: Effect(Lock.NONE),
    Action.DROP_OPERATOR: Effect(Lock.NONE),
    Action.GRANT_PRIVILEGE: Effect(Lock.NONE),
    Action.REVOKE_PRIVILEGE: Effect(Lock.NONE, backward_incompatible=True),
    Action.VACUUM_FULL: Effect(AE, rewrite=True),
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
    if effect.requires:
        out.append(Hazard(HazardKind.PRECONDITION, f"{subject}: fails unless {effect.requires}"))
    return tuple(out)


def _int_modifiers(type_: SqlType) -> list[int]:
    """``varchar(255)`` -> [255], ``numeric(10, 2)`` -> [10, 2] (the modifiers of these are integers)."""
    return [int(x) for x in type_.modifiers.split(",") if x.strip()]


def binary_coercible(old: SqlType | str, new: SqlType | str, *, utc_session: bool = False) -> bool:
    """Whether ``ALTER COLUMN TYPE old -> new`` skips the table rewrite (PostgreSQL 12+).

    True for: varchar(n) -> text or unbounded varchar; varchar(n) -> varchar(m) with m >= n;
    numeric(p, s) -> numeric(q, s) with q >= p, or to unconstrained numeric; cidr -> inet;
    timestamp <-> timestamptz when the session time zone is UTC. Anything else rewrites. Text (from a
    migration's SQL, as lint reads it) is parsed first and may raise ``TypeSyntaxError``.
    """
    a = parse_type(old) if isinstance(old, str) else old
    b = parse_type(new) if isinstance(new, str) else new
    if a.array_dims != b.array_dims:
        return False
    if a.base == b.base:
        return True
    if a.name == "varchar":
        if b.base in ("text", "varchar"):
            return True
        la, lb = _int_modifiers(a), _int_modifiers(b)
        return b.name == "varchar" and bool(la) and bool(lb) and lb[0] >= la[0]
    if a.base == "text" and b.base == "varchar":
        return True
    if a.name == "numeric" and b.name == "numeric":
        if b.base == "numeric":
            return True
        pa, pb = _int_modifiers(a), _int_modifiers(b)
        scale_a = pa[1] if len(pa) > 1 else 0
        scale_b = pb[1] if len(pb) > 1 else 0
        return bool(pa) and bool(pb) and scale_a == scale_b and pb[0] >= pa[0]
    if a.base == "cidr" and b.base == "inet":
        return True
    stamps = {"timestamp", "timestamp with time zone"}
    return utc_session and {a.base, b.base} == stamps
