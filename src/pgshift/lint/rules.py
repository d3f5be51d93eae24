"""The lint rules: id, default severity, the catalogue action whose lock facts apply, and why it hurts.

Lock levels, rewrite/scan flags and safe alternatives come from ``pgshift.hazards.EFFECTS`` (the same
facts the generator uses); this table only adds what a person reading a finding needs: a short title
and the reason the statement is dangerous in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import EFFECTS


@dataclass(frozen=True)
class Rule:
    """A lint rule: its id, default severity, the lock it concerns (``action``) and why it matters."""

    id: str
    severity: str
    action: str | None  # key of hazards.EFFECTS, None when no table lock is involved
    why: str
    fix: str | None = None  # overrides EFFECTS[action].safe

    @property
    def lock(self) -> str | None:
        if self.action is None:
            return None
        lock = EFFECTS[self.action].lock
        return lock.sql_name if lock else None

    @property
    def rewrite(self) -> bool:
        return bool(self.action and EFFECTS[self.action].rewrite)

    @property
    def scan(self) -> bool:
        return bool(self.action and EFFECTS[self.action].scan)

    @property
    def safe(self) -> str | None:
        if self.fix is not None:
            return self.fix
        return EFFECTS[self.action].safe if self.action else None


_NOT_VALID = "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate migration."

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("syntax-error", "error", None, "PostgreSQL's parser rejects this statement; the migration fails.",
             "Fix the SQL at the position shown."),
        Rule("drop-table", "error", "drop_table", "Drops the table and every row in it; running code that "
             "reads it breaks."),
        Rule("drop-column", "error", "drop_column", "Deletes the column's data; running code that selects it "
             "breaks."),
        Rule("drop-schema", "error", "drop_schema", "Drops the schema (with CASCADE: everything in it)."),
        Rule("drop-type", "warning", "drop_type", "Drops the type; columns of this type must go first.",
             "Drop the columns using it in an earlier migration; make sure no code refers to it."),
        Rule("truncate", "error", "truncate", "Deletes every row of the table under ACCESS EXCLUSIVE.",
             "Delete in batches from a job, or drop the table in a reviewed migration."),
        Rule("add-column-not-null-no-default", "error", "add_column_not_null_no_default",
             "Fails on any table that has rows: existing rows would get NULL."),
        Rule("set-not-null", "warning", "set_not_null",
             "Scans the whole table under ACCESS EXCLUSIVE (reads and writes wait), and fails on any NULL."),
        Rule("column-type-rewrite", "error", "alter_column_type",
             "Changing the type rewrites the table and its indexes under ACCESS EXCLUSIVE."),
        Rule("add-column-volatile-default", "warning", "add_column_volatile_default",
             "A volatile default (random(), gen_random_uuid(), clock_timestamp(), ...) is computed per row: "
             "the table is rewritten under ACCESS EXCLUSIVE. (Stable ones such as now() are not.)"),
        Rule("fk-without-not-valid", "warning", "add_foreign_key",
             "Adding a FOREIGN KEY checks every row while writes to both tables wait.", _NOT_VALID),
        Rule("check-without-not-valid", "warning", "add_check",
             "Adding a CHECK scans the table under ACCESS EXCLUSIVE (reads and writes wait).", _NOT_VALID),
        Rule("validate-same-transaction", "warning", "validate_constraint",
             "VALIDATE in the same transaction as the NOT VALID add keeps the add's strong lock during the "
             "whole scan, which defeats NOT VALID.",
             "Move VALIDATE CONSTRAINT into a later migration (or use `-- pgshift:transaction off`)."),
        Rule("unique-without-using-index", "warning", "add_unique",
             "Adding a UNIQUE or PRIMARY KEY constraint builds its index under ACCESS EXCLUSIVE."),
        Rule("index-not-concurrent", "warning", "create_index",
             "CREATE INDEX without CONCURRENTLY blocks writes to the table for the whole build."),
        Rule("drop-index-not-concurrent", "warning", "drop_index",
             "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table: reads and writes wait."),
        Rule("concurrently-in-transaction", "error", "create_index_concurrently",
             "CONCURRENTLY cannot run inside a transaction block: the migration fails.",
             "Remove the explicit BEGIN/COMMIT or the `-- pgshift:transaction on` header; pgshift runs a "
             "migration holding CONCURRENTLY statement by statement."),
        Rule("rename-column", "warning", "rename_column",
             "Running application versions still use the old name and fail until they are redeployed."),
        Rule("rename-table", "warning", "rename_table",
             "Running application versions still use the old name and fail until they are redeployed."),
        Rule("enum-value-used-same-transaction", "error", "add_enum_value",
             "A value added by ALTER TYPE ... ADD VALUE cannot be used before its transaction commits "
             "(\"unsafe use of new value\")."),
        Rule("missing-lock-timeout", "info", None,
             "A statement waiting for its lock queues every later query on the table behind it. `pgshift "
             "migrate` sets lock_timeout per session (config lock_timeout), so this only matters when the file "
             "runs by other means (drizzle-orm, psql).",
             "SET lock_timeout = '5s'; at the top of the file if it may run outside `pgshift migrate`."),
        Rule("non-idempotent", "info", None,
             "A hand-written migration that fails half-way is easier to re-run when each statement can run "
             "twice.",
             "Use IF NOT EXISTS / IF EXISTS."),
        Rule("update-without-where", "warning", None,
             "Updates every row in one transaction: long row locks, bloat, replication lag.",
             "Add a WHERE clause, or backfill in batches from a job."),
        Rule("delete-without-where", "error", None, "Deletes every row of the table.",
             "Add a WHERE clause; TRUNCATE or DROP in a reviewed migration if that is really meant."),
        Rule("recreates-existing-table", "error", None,
             "The previous snapshot already has this table: the migration re-creates the whole schema and "
             "fails on a database where earlier migrations ran (a lost or reset snapshot chain).",
             "Restore meta/*_snapshot.json from version control and generate again, or baseline the "
             "database (`pgshift baseline`)."),
        Rule("refresh-materialized-view-not-concurrent", "warning", "refresh_materialized_view",
             "REFRESH MATERIALIZED VIEW without CONCURRENTLY recomputes the view under ACCESS EXCLUSIVE: every "
             "read of it waits for the whole query."),
        Rule("set-access-method", "warning", "set_access_method",
             "SET ACCESS METHOD writes every row again into the new method's storage, with its indexes, "
             "under ACCESS EXCLUSIVE: reads and writes wait for the whole rewrite."),
        Rule("create-trigger", "info", "create_trigger",
             "CREATE TRIGGER takes SHARE ROW EXCLUSIVE on the table: writes wait while it queues for running "
             "transactions, and every write from then on runs the trigger's function.",
             "Set a short lock_timeout and retry; make sure the function is cheap and correct for existing "
             "write paths."),
        Rule("drop-trigger", "info", "drop_trigger",
             "DROP TRIGGER takes ACCESS EXCLUSIVE on the table (reads and writes wait), and whatever the "
             "trigger enforced or maintained stops at once.",
             "Set a short lock_timeout; stop relying on what the trigger maintains in a release first."),
        Rule("create-rule", "warning", "create_rule",
             "CREATE RULE takes ACCESS EXCLUSIVE on the table (reads and writes wait) and silently rewrites "
             "every matching query from then on.",
             "Prefer a trigger or a view; if a rule is needed, set a short lock_timeout."),
        Rule("drop-rule", "warning", "drop_rule",
             "DROP RULE takes ACCESS EXCLUSIVE on the table (reads and writes wait), and queries it rewrote "
             "(an INSTEAD NOTHING, a redirect) run as written again.",
             "Set a short lock_timeout; make sure nothing still relies on the rewrite before dropping it."),
        Rule("replace-view", "warning", "replace_view",
             "CREATE OR REPLACE VIEW can only add columns at the end (same names, types and order before "
             "them), or it fails; it takes ACCESS EXCLUSIVE on the view while queries using it wait."),
        Rule("drop-view", "warning", "drop_view",
             "Dropping a view fails while other views, rules or functions read it (CASCADE silently drops "
             "them too); running code that queries it breaks."),
        Rule("replace-function-used-by-index", "warning", "replace_function",
             "Indexes, generated columns and CHECKs keep what the old definition computed: CREATE OR REPLACE "
             "changes the function under them and recomputes nothing, so a changed result makes them "
             "silently wrong (index lookups miss rows, stored values disagree with the function).",
             "Give the new behaviour a new function name and switch the index/column to it, or REINDEX and "
             "rewrite the stored values in the same migration."),
        Rule("prefer-identity", "info", None, "serial creates a separately owned sequence; identity "
             "columns are the SQL-standard replacement.", "Use GENERATED ALWAYS AS IDENTITY."),
        Rule("prefer-bigint-keys", "info", None, "An integer key runs out at 2^31; changing it later "
             "rewrites the table.", "Use bigint for primary and foreign keys."),
        Rule("prefer-timestamptz", "info", None, "timestamp without time zone stores wall-clock time and "
             "loses the offset.", "Use timestamptz."),
        Rule("prefer-text", "info", None, "varchar(n) limits are enforced but widening or narrowing later "
             "needs DDL; text with a CHECK is cheaper to change.", "Use text (with a CHECK on length)."),
        Rule("prefer-jsonb", "info", None, "json stores text and re-parses it on every access and has no "
             "equality operator.", "Use jsonb."),
    )
}  # fmt: skip
