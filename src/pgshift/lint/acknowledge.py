"""Acknowledging reviewed findings in a migration *before* it is applied.

The acknowledgement is the linter's own ``-- pgshift:ignore RULE`` comment, written above the statement
when ``generate`` writes the file. Adding it later, to an applied file, would change that file's
checksum and ``migrate`` would refuse it; so ``generate`` offers it (a prompt in a terminal,
``--ack RULE`` otherwise) while the file is still new.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pgshift.lint.engine import IGNORE
from pgshift.lint.finding import Finding

REASON = "-- acknowledged when generated: reviewed, intended"


def acknowledge(sql: str, findings: Sequence[Finding], rules: Collection[str]) -> str:
    """``sql`` with ``-- pgshift:ignore`` lines above every statement holding a finding of ``rules``.

    Findings about a whole file (line 0) cannot be acknowledged per statement and are left alone.
    """
    by_line: dict[int, list[str]] = {}
    for finding in findings:
        if finding.rule in rules and finding.line > 0:
            ids = by_line.setdefault(finding.line, [])
            if finding.rule not in ids:
                ids.append(finding.rule)
    if not by_line:
        return sql
    lines = sql.split("\n")
    for line in sorted(by_line, reverse=True):
        # Statements start on their own line (a breakpoint marker ends the line before), so the
        # comment lines go right above it, where the linter looks for them.
        lines[line - 1 : line - 1] = [REASON, f"-- {IGNORE} {', '.join(by_line[line])}"]
    return "\n".join(lines)
