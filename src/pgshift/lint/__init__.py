"""``pgshift check``'s linter: find locks, rewrites and data loss in migration SQL.

Public API (also called by ``pgshift generate`` on the SQL it writes)::

    lint_text(sql, *, path, previous_snapshot=None, config_severity=None) -> list[Finding]
    format_human(findings) -> str
"""

from __future__ import annotations

from pgshift.lint.engine import apply_severity, lint_text
from pgshift.lint.finding import Finding, exit_code
from pgshift.lint.output import format_github, format_human, format_json
from pgshift.lint.rules import RULES

__all__ = [
    "RULES",
    "Finding",
    "apply_severity",
    "exit_code",
    "format_github",
    "format_human",
    "format_json",
    "lint_text",
]
