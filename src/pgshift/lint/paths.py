"""What ``pgshift check PATHS`` lints: folders with a journal (lint + integrity), other folders' .sql
files, single files. Kept apart from the click command so tests and the benchmark call it directly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pgshift.errors import PgshiftError
from pgshift.folder import files as fs
from pgshift.lint.engine import apply_severity
from pgshift.lint.finding import Finding
from pgshift.lint.folder import Job, lint_file, lint_folder, run_jobs


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check_paths(
    paths: list[Path],
    *,
    config_severity: dict[str, str] | None = None,
    conn: Any = None,
    tracking: Any = None,
) -> list[Finding]:
    """Findings for every path; a migration folder also gets the integrity check (and with ``conn``, the
    applied-hash check and table-size rating)."""
    findings: list[Finding] = []
    for path in paths:
        shown = _shown(path)
        if path.is_dir():
            if fs.journal_path(path).exists():
                # Loaded here only: the integrity check reads snapshots (the schema model), which
                # linting loose .sql files never needs.
                from pgshift.lint.integrity import check_applied, check_folder

                findings += check_folder(path, display=shown)
                findings += lint_folder(path, config_severity=config_severity, display=shown)
                if conn is not None and tracking is not None:
                    findings += check_applied(path, conn, tracking, display=shown)
            else:
                files = sorted(p for p in path.rglob("*.sql") if not p.name.endswith(fs.DOWN_SUFFIX))
                jobs = [Job(file, f"{shown}/{file.relative_to(path)}") for file in files]
                findings += run_jobs(jobs, config_severity)
        elif path.is_file():
            findings += lint_file(path, config_severity=config_severity, display=shown)
        else:
            raise PgshiftError(f"no such file or folder: {path}", hint="pass .sql files or migration folders")
    if conn is not None:
        from pgshift.lint.data import apply_table_sizes

        findings = apply_table_sizes(findings, conn)
    return apply_severity(findings, config_severity)  # integrity findings too; lint ones are already set


def unknown_rules(config_severity: dict[str, str] | None) -> list[str]:
    """Rule ids in the config's ``lint`` table that no rule has (a typo silences nothing)."""
    if not config_severity:
        return []
    from pgshift.lint.integrity import INTEGRITY_RULES
    from pgshift.lint.rules import RULES

    return sorted(set(config_severity or {}) - set(RULES) - set(INTEGRITY_RULES))
