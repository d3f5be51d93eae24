"""``check``: lint migration SQL for locks, rewrites and data loss; verify the folder's integrity; with
a database, rate findings by table size, compare applied hashes and report schema drift."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgshift.api._common import ConfigLike, as_config, database_errors
from pgshift.config import Config
from pgshift.errors import PgshiftError

# Linting files needs no database: the driver (and the tracking table, which imports it) load only
# with --db, so `pgshift check` in CI pays for the parser and the rules alone.

if TYPE_CHECKING:
    from pgshift.lint.finding import Finding


@dataclass(frozen=True)
class CheckResult:
    """The findings, and ``exit_code``: 1 when any is error-level, else 0."""

    findings: tuple[Finding, ...]
    unknown_rules: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        from pgshift.lint import exit_code

        return exit_code(list(self.findings))

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def check(
    paths: Sequence[str | Path] = (),
    *,
    config: ConfigLike = None,
    url: str | None = None,
    db: bool = False,
    since: str | None = None,
    pending: bool = False,
) -> CheckResult:
    """Lint ``paths`` (.sql files or folders; default: the config's migration folder).

    With ``db=True`` (or a ``url``) the database is read too: the URL is ``url``, else the config's,
    else $DATABASE_URL. Without explicit paths that also reports drift as ``schema-drift`` findings.

    ``since`` (a git ref) or ``pending`` (needs the database) narrow the *lint* findings to what a
    change introduces: migration files added or changed since that ref, or not applied yet. Applied
    migrations are history: a reviewed destructive statement in one must not fail CI forever, and
    acknowledging it there (``-- pgshift:ignore``) would change an applied file's checksum. The
    folder's integrity findings and drift always count.
    """
    from pgshift.lint.paths import unknown_rules

    cfg = as_config(config)
    targets = [Path(p) for p in paths] or [cfg.out_dir]
    if pending and not (db or url):
        raise PgshiftError("--pending needs the database (--db or --url) to know what is applied")
    conn: Any = None
    if db or url:
        conn = _connect(cfg, url)
    errors = (
        database_errors(
            "database error while checking",
            hint="--db needs read access to pg_class, pg_stats and the tables",
        )
        if conn is not None
        else contextlib.nullcontext()
    )
    try:
        with errors:
            findings = _check_paths(targets, cfg, conn)
            if since is not None:
                findings = _introduced_only(findings, _changed_since(since, targets))
            if pending:
                findings = _introduced_only(findings, _pending_files(conn, cfg))
            if conn is not None and not paths:
                findings = [*findings, *_drift_findings(conn, cfg)]
    finally:
        if conn is not None:
            conn.close()
    return CheckResult(tuple(findings), tuple(unknown_rules(cfg.lint)))


def _introduced_only(findings: list[Finding], introduced: set[Path]) -> list[Finding]:
    """Integrity findings, and lint findings in ``introduced`` files only."""
    from pgshift.lint.integrity import INTEGRITY_RULES

    return [f for f in findings if f.rule in INTEGRITY_RULES or Path(f.path).resolve() in introduced]


def _changed_since(ref: str, targets: list[Path]) -> set[Path]:
    """Files under ``targets`` that differ from git ref ``ref`` (committed or not), and untracked ones."""
    import subprocess

    changed: set[Path] = set()
    for target in targets:
        where = target if target.is_dir() else target.parent
        commands = (
            ["git", "diff", "--name-only", "--relative", ref, "--", "."],
            ["git", "ls-files", "--others", "--exclude-standard", "--", "."],
        )
        for command in commands:
            try:
                proc = subprocess.run(command, cwd=where, capture_output=True, text=True, check=False)
            except OSError as exc:
                raise PgshiftError(
                    f"--since needs git: {exc}", hint="install git, or use --db --pending"
                ) from exc
            if proc.returncode != 0:
                raise PgshiftError(
                    f"--since {ref}: git could not compare {where} with it",
                    where=proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else None,
                    hint="give a ref git knows (fetch it in CI: `git fetch origin main`), or use --db --pending",
                )
            changed |= {(where / line).resolve() for line in proc.stdout.splitlines() if line}
    return changed


def _pending_files(conn: Any, cfg: Config) -> set[Path]:
    """The SQL files of migrations the database has not applied."""
    from pgshift.folder.files import sql_path
    from pgshift.runner.options import tracking_table
    from pgshift.runner.plan import build_status

    report = build_status(conn, cfg.out_dir, tracking_table(cfg))
    return {sql_path(cfg.out_dir, entry.tag).resolve() for entry in report.plan.pending}


def _check_paths(targets: list[Path], cfg: Config, conn: Any) -> list[Finding]:
    from pgshift.lint.paths import check_paths

    tracking = None
    if conn is not None:
        from pgshift.runner.options import tracking_table

        tracking = tracking_table(cfg)
    return check_paths(targets, config_severity=cfg.lint, conn=conn, tracking=tracking)


def _connect(cfg: Config, url: str | None) -> Any:
    from pgshift.config import resolve_url
    from pgshift.runner.run import connect
    from pgshift.urls import normalize_url

    found = url or resolve_url(cfg)
    if not found:
        raise PgshiftError(
            "--db needs a database URL", hint="pass --url, set `url` in the config, or set $DATABASE_URL"
        )
    return connect(normalize_url(found))


def _drift_findings(conn: Any, cfg: Config) -> list[Finding]:
    """Schema drift (live database vs. the newest applied snapshot) as error-level findings."""
    from pgshift.api.drift import detect_drift
    from pgshift.folder.files import journal_path
    from pgshift.lint.finding import Finding
    from pgshift.runner.options import tracking_table
    from pgshift.runner.plan import build_status

    report = build_status(conn, cfg.out_dir, tracking_table(cfg))
    invalid = [
        Finding(
            rule="invalid-index",
            severity="error",
            message=f"index {name} is INVALID (an interrupted concurrent build): unusable, yet updated on every write",
            path=str(journal_path(cfg.out_dir)),
            fix=f"DROP INDEX CONCURRENTLY {name}; then build it again (pgshift migrate does both when a pending "
            "migration creates it)",
        )
        for name in report.invalid_indexes
    ]
    if not report.plan.applied:
        return invalid
    drift = detect_drift(conn, cfg.out_dir, cfg, [e.tag for e in report.plan.applied])
    if not drift:
        return invalid
    return invalid + [
        Finding(
            rule="schema-drift",
            severity="error",
            message=f"{item.message} (against {drift.against})",
            path=str(journal_path(cfg.out_dir)),
            fix="find who changed the database; make it match the migrations, or generate a migration for it",
        )
        for item in drift.items
    ]
