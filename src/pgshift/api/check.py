"""``check``: lint migration SQL for locks, rewrites and data loss; verify the folder's integrity; with
a database, rate findings by table size, compare applied hashes and report schema drift."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgshift.api._common import ConfigLike, as_config, database_errors, tracking_table
from pgshift.config import Config
from pgshift.errors import PgshiftError

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
) -> CheckResult:
    """Lint ``paths`` (.sql files or folders; default: the config's migration folder).

    With ``db=True`` (or a ``url``) the database is read too: the URL is ``url``, else the config's,
    else $DATABASE_URL. Without explicit paths that also reports drift as ``schema-drift`` findings.
    """
    from pgshift.lint.paths import unknown_rules

    cfg = as_config(config)
    targets = [Path(p) for p in paths] or [cfg.out_dir]
    conn: Any = None
    if db or url:
        conn = _connect(cfg, url)
    try:
        with database_errors(
            "database error while checking",
            hint="--db needs read access to pg_class, pg_stats and the tables",
        ):
            findings = _check_paths(targets, cfg, conn)
            if conn is not None and not paths:
                findings = [*findings, *_drift_findings(conn, cfg)]
    finally:
        if conn is not None:
            conn.close()
    return CheckResult(tuple(findings), tuple(unknown_rules(cfg.lint)))


def _check_paths(targets: list[Path], cfg: Config, conn: Any) -> list[Finding]:
    from pgshift.lint.paths import check_paths

    return check_paths(
        targets,
        config_severity=cfg.lint,
        conn=conn,
        tracking=tracking_table(cfg) if conn is not None else None,
    )


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
    from pgshift.runner.plan import build_status

    report = build_status(conn, cfg.out_dir, tracking_table(cfg))
    if not report.plan.applied:
        return []
    drift = detect_drift(conn, cfg.out_dir, cfg, [e.tag for e in report.plan.applied])
    if not drift:
        return []
    return [
        Finding(
            rule="schema-drift",
            severity="error",
            message=f"{item.message} (against {drift.against})",
            path=str(journal_path(cfg.out_dir)),
            fix="find who changed the database; make it match the migrations, or generate a migration for it",
        )
        for item in drift.items
    ]
