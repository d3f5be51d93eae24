"""A finding: one problem in one statement (or one file of the folder), with what to do about it.

The same record serves the SQL linter and the folder integrity check, so every output format (people,
JSON, GitHub annotations) and the exit code are computed once for both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1, "off": 0}


@dataclass(frozen=True)
class Finding:
    """``line``/``column`` are 1-based (0 when the finding is about a whole file).

    ``lock`` is the table lock the statement takes (``"ACCESS EXCLUSIVE"``) or None; ``rewrite`` and
    ``scan`` say whether the table is rewritten or read in full under it; ``fix`` is the safe
    alternative. ``table``/``column`` name the subject so ``--db`` can look up its size.
    """

    rule: str
    severity: str
    message: str
    path: str
    line: int = 0
    column: int = 0
    statement: str = ""
    lock: str | None = None
    rewrite: bool = False
    fix: str | None = None
    scan: bool = False
    table: str | None = None
    column_name: str | None = None
    index: str | None = None  # "schema.index" of DROP INDEX (``--db`` finds its table)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(Finding))


def new_finding(
    rule: str,
    severity: str,
    message: str,
    path: str,
    line: int,
    column: int,
    statement: str,
    lock: str | None,
    rewrite: bool,
    fix: str | None,
    scan: bool,
    table: str | None,
    column_name: str | None,
    index: str | None,
) -> Finding:
    """``Finding(...)`` of every field, in order, without the frozen dataclass's ``__init__``.

    Why: that ``__init__`` sets each of the 14 fields through ``object.__setattr__``; a folder of
    migrations makes tens of thousands of findings (the lint benchmark: 35,000), where it was a tenth
    of the linting. The instance is the same (same ``__dict__``, in field order; still frozen).
    """
    finding = _new(Finding)
    # Item by item, in field order: the instance keeps its class's shared-key dict (update() with a
    # dict would give it a full one of its own, half again the memory of 35,000 findings).
    fields = finding.__dict__
    fields["rule"] = rule
    fields["severity"] = severity
    fields["message"] = message
    fields["path"] = path
    fields["line"] = line
    fields["column"] = column
    fields["statement"] = statement
    fields["lock"] = lock
    fields["rewrite"] = rewrite
    fields["fix"] = fix
    fields["scan"] = scan
    fields["table"] = table
    fields["column_name"] = column_name
    fields["index"] = index
    return finding


def finding_from_row(row: tuple[Any, ...]) -> Finding:
    """``Finding(*row)``, as ``new_finding`` builds it (rows are what forked linters send back)."""
    return new_finding(*row)


_new = object.__new__


def exit_code(findings: list[Finding]) -> int:
    """1 when any error-level finding, else 0 (CI fails on errors only)."""
    return 1 if any(f.severity == "error" for f in findings) else 0
