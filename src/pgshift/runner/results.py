"""What a run reports: results, the error of a failed migration, and the progress callbacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pgshift.errors import PgshiftError

if TYPE_CHECKING:
    from pgshift.runner.lock import LockHolder
    from pgshift.runner.txmode import TxMode


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Applied:
    tag: str
    duration_ms: int
    transactional: bool
    retries: int = 0


@dataclass(frozen=True)
class MigrateResult:
    """What a migrate run did. ``skipped``: already applied; ``remaining``: pending beyond --to."""

    applied: tuple[Applied, ...] = ()
    skipped: tuple[str, ...] = ()
    remaining: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    dry_run_sql: str | None = None
    lock_waited_s: float = 0.0

    @property
    def applied_tags(self) -> list[str]:
        return [a.tag for a in self.applied]

    def to_json(self) -> dict[str, Any]:
        return {
            "applied": [
                {
                    "tag": a.tag,
                    "duration_ms": a.duration_ms,
                    "transactional": a.transactional,
                    "retries": a.retries,
                }
                for a in self.applied
            ],
            "skipped": list(self.skipped),
            "remaining": list(self.remaining),
            "warnings": list(self.warnings),
            "dry_run_sql": self.dry_run_sql,
            "lock_waited_s": round(self.lock_waited_s, 3),
        }


@dataclass(eq=False)  # exceptions compare and hash by identity
class MigrationError(PgshiftError):
    """A migration (or down migration) failed on the server. Carries the details for --json and the API."""

    tag: str | None = None
    statement: int | None = None
    line: int | None = None
    sqlstate: str | None = None
    completed: tuple[str, ...] = ()
    group: int | None = None
    groups_total: int | None = None
    blocked_by: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "error": self.message,
            "where": self.where,
            "hint": self.hint,
            "tag": self.tag,
            "statement": self.statement,
            "line": self.line,
            "sqlstate": self.sqlstate,
            "completed": list(self.completed),
            "group": self.group,
            "groups_total": self.groups_total,
            "blocked_by": list(self.blocked_by),
        }


class Reporter:
    """Progress callbacks; the CLI prints them, the API logs them. This base ignores everything."""

    def lock_waiting(self, holder: LockHolder | None) -> None: ...

    def migration_started(self, tag: str, mode: TxMode) -> None: ...

    def migration_finished(self, tag: str, duration_ms: int) -> None: ...

    def retrying(self, tag: str, attempt: int, delay: float, message: str) -> None: ...

    def warning(self, message: str) -> None: ...

    def info(self, message: str) -> None: ...
