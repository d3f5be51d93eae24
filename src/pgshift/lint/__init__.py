"""``pgshift check``'s linter: find locks, rewrites and data loss in migration SQL.

Public API (also called by ``pgshift generate`` on the SQL it writes)::

    lint_text(sql, *, path, previous_snapshot=None, config_severity=None) -> list[Finding]
    format_human(findings) -> str

The names are loaded on first use (PEP 562): ``pgshift.lint.finding`` alone, which generate's parent
process needs for the findings its child sends, does not load the whole linter (~5 ms).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "RULES": "rules",
    "Finding": "finding",
    "apply_severity": "engine",
    "exit_code": "finding",
    "format_github": "output",
    "format_human": "output",
    "format_json": "output",
    "lint_text": "engine",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"pgshift.lint.{home}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
