"""The lint corpus: tests/lint/<rule-id>/fires_*.sql must raise that rule exactly where annotated,
quiet_*.sql must not raise it at all.

Annotations (comment lines in the case file):
    -- expect: <rule-id> [severity] [@line:col]   the next statement line carries this finding
    -- lint: hand-written                         lint as a hand-written migration
    -- lint: previous=<file.json>                 the previous snapshot (path relative to the case)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pgshift.lint import RULES, lint_text

CORPUS = Path(__file__).parent / "lint"
CASES = sorted(CORPUS.glob("*/*.sql"))


def _options(path: Path) -> dict:
    options: dict = {"hand_written": False, "previous_snapshot": None}
    for line in path.read_text().splitlines():
        body = line.strip().removeprefix("--").strip()
        if not line.strip().startswith("-- lint:"):
            continue
        value = body.removeprefix("lint:").strip()
        if value == "hand-written":
            options["hand_written"] = True
        elif value.startswith("previous="):
            options["previous_snapshot"] = json.loads((path.parent / value.split("=", 1)[1]).read_text())
    return options


def _expectations(path: Path) -> set[tuple[str, int, int | None, str | None]]:
    """(rule, line, column or None, severity or None) for every ``-- expect:`` annotation."""
    lines = path.read_text().splitlines()
    out = set()
    for number, line in enumerate(lines, start=1):
        if not line.startswith("-- expect:"):
            continue
        words = line.removeprefix("-- expect:").split()
        rule, severity, column, at_line = words[0], None, None, None
        for word in words[1:]:
            if word.startswith("@"):
                at_line, column = (int(x) for x in word[1:].split(":"))
            else:
                severity = word
        if at_line is None:
            at_line = next(
                n for n in range(number + 1, len(lines) + 1) if not lines[n - 1].lstrip().startswith("--")
            )
        out.add((rule, at_line, column, severity))
    return out


def test_every_rule_has_firing_and_quiet_cases() -> None:
    for rule in RULES:
        assert list((CORPUS / rule).glob("fires_*.sql")), f"no fires_*.sql case for {rule}"
        assert list((CORPUS / rule).glob("quiet_*.sql")), f"no quiet_*.sql case for {rule}"
    unknown = {p.parent.name for p in CASES} - set(RULES)
    assert not unknown, f"corpus folders for unknown rules: {unknown}"


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_case(case: Path) -> None:
    rule = case.parent.name
    findings = lint_text(case.read_text(), path=str(case), **_options(case))
    if case.name.startswith("quiet_"):
        fired = [f for f in findings if f.rule == rule]
        assert not fired, f"{rule} fired in a quiet case: {fired}"
        return
    expected = _expectations(case)
    assert any(e[0] == rule for e in expected), "a fires_ case needs an `-- expect: <rule>` annotation"
    for exp_rule, line, column, severity in expected:
        matches = [f for f in findings if f.rule == exp_rule and f.line == line]
        assert matches, f"expected {exp_rule} at line {line}; got {[(f.rule, f.line) for f in findings]}"
        if column is not None:
            assert matches[0].column == column
        if severity is not None:
            assert matches[0].severity == severity
    annotated = {(e[0], e[1]) for e in expected if e[0] == rule}
    got = {(f.rule, f.line) for f in findings if f.rule == rule}
    assert got == annotated, f"{rule} fired at unexpected places: {sorted(got - annotated)}"
    for f in findings:
        assert f.message and f.severity in ("error", "warning", "info")
        if f.rule == rule and RULES[rule].action:
            assert f.lock == RULES[rule].lock and f.fix
