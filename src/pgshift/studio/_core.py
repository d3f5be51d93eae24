"""The one door from the studio to the rest of pgshift.

Every import of pgshift's other modules (config, URL masking, the migration plan and status, drift,
lint, the tracking table, the runner, the development database) goes through this file, so that moving
those modules around touches one place. Each wrapper is small and typed; the studio never reaches past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pgshift.config import Config, Environment, load_config, resolve_environment, resolve_url
from pgshift.errors import PgshiftError
from pgshift.urls import mask_url

__all__ = [
    "Config",
    "Environment",
    "MigrationView",
    "PgshiftError",
    "apply_pending",
    "dev_url",
    "load_config",
    "mask_url",
    "migration_timeline",
    "resolve_environment",
    "resolve_url",
    "statement_kinds",
]


def dev_url(config: Config) -> str:
    """The embedded development database's URL (started on demand), as other commands use it."""
    from pgshift import devdb

    return devdb.dev_url(config.root)


def statement_kinds(text: str) -> list[str] | str:
    """The statements of ``text`` by kind (``select_stmt``, ``transaction_stmt``...), parsed by the real
    Postgres parser; a syntax error comes back as its message (a str) for the console to show."""
    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    try:
        return [s.kind for s in parse_statements(text)]
    except SqlSyntaxError as exc:
        return f"syntax error: {exc}"


def _tracking(config: Config) -> Any:
    from pgshift.runner.options import tracking_table

    return tracking_table(config)


@dataclass(frozen=True)
class FindingView:
    rule: str
    severity: str
    message: str
    line: int
    statement: str
    fix: str | None


@dataclass(frozen=True)
class MigrationView:
    """One migration as the timeline shows it: state, when and how long, SQL, down SQL, findings."""

    tag: str
    state: str  # applied | pending | partial | modified | missing
    position: int | None
    out_of_order: bool
    applied_at: str | None
    duration_ms: int | None
    applied_by: str | None
    sql: str | None
    down_sql: str | None
    findings: tuple[FindingView, ...]
    progress: str | None = None  # "partially applied (groups 1-2 of 4)": a rerun of migrate resumes it


@dataclass(frozen=True)
class Timeline:
    tracking_table: str
    tracking_exists: bool
    migrations: tuple[MigrationView, ...]
    drift_against: str | None
    drift: tuple[str, ...]  # the sentences `pgshift status` prints
    folder_exists: bool

    @property
    def pending(self) -> list[str]:
        return [m.tag for m in self.migrations if m.state in ("pending", "partial")]


def _findings_by_file(folder: Path, config: Config) -> dict[str, list[FindingView]]:
    from pgshift.lint.folder import lint_folder

    by_file: dict[str, list[FindingView]] = {}
    for f in lint_folder(folder, config_severity=config.lint, display=""):
        name = Path(f.path).name
        by_file.setdefault(name, []).append(
            FindingView(f.rule, f.severity, f.message, f.line, f.statement, f.fix)
        )
    return by_file


def migration_timeline(conn: Any, config: Config) -> Timeline:
    """Folder + tracking table (read only) -> timeline with lint findings and drift sentences."""
    from pgshift.api.drift import detect_drift
    from pgshift.folder.files import journal_path
    from pgshift.runner.plan import build_status

    folder = config.out_dir
    table = _tracking(config)
    if not journal_path(folder).exists():
        return Timeline(table.display, False, (), None, (), False)
    report = build_status(conn, folder, table)
    findings = _findings_by_file(folder, config)
    views = []
    for e in report.entries:
        row = e.row
        mig = e.migration
        views.append(
            MigrationView(
                tag=e.tag,
                state=str(e.state),
                position=e.position,
                out_of_order=e.out_of_order,
                applied_at=row.applied_at.strftime("%Y-%m-%d %H:%M:%S") if row and row.applied_at else None,
                duration_ms=row.duration_ms if row else None,
                applied_by=("drizzle-orm" if row.by_drizzle else "pgshift") if row else None,
                sql=mig.sql if mig else None,
                down_sql=mig.down_sql if mig else None,
                findings=tuple(findings.get(mig.path.name, ())) if mig else (),
                progress=e.progress(),
            )
        )
    drift_against = None
    sentences: tuple[str, ...] = ()
    if report.plan.applied:
        drift = detect_drift(conn, folder, config, [e.tag for e in report.plan.applied])
        if drift:
            drift_against = drift.against
            sentences = tuple(item.message for item in drift.items)
    return Timeline(table.display, report.plan.tracking_exists, tuple(views), drift_against, sentences, True)


def apply_pending(url: str, config: Config) -> list[tuple[str, int]]:
    """Run ``pgshift migrate`` (same runner, lock and rules); returns (tag, duration ms) applied."""
    from pgshift.runner import run as runner
    from pgshift.runner.options import run_options

    options = run_options(config, lock_wait=30.0)
    result = runner.migrate(url, config.out_dir, _tracking(config), options, runner.Reporter())
    return [(a.tag, a.duration_ms) for a in result.applied]
