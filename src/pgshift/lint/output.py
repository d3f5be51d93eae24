"""Findings for people (grouped by file), as JSON, and as GitHub Actions annotations."""

from __future__ import annotations

from pgshift.lint.finding import Finding

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _summary(findings: list[Finding]) -> str:
    counts = {
        level: sum(1 for f in findings if f.severity == level) for level in ("error", "warning", "info")
    }
    files = len({f.path for f in findings})
    return (
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info in {files} file(s)"
        if findings
        else "no findings"
    )


def format_human(findings: list[Finding], *, color: bool = False) -> str:
    """Text for a terminal: per file, each finding with position, rule, why, lock and fix.

    Rendered through rich (markup for severities); ``color=False`` gives plain text for logs and tests.
    """
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape

    from pgshift.lint.rules import RULES

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=120, highlight=False,
                      soft_wrap=True)  # fmt: skip
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:  # grouped by file, files in order of first appearance
        by_path.setdefault(finding.path, []).append(finding)
    for path, group in by_path.items():
        console.print(f"[bold]{escape(path)}[/]")
        for f in group:
            style = _STYLE.get(f.severity, "")
            console.print(
                f"  {f'{f.line}:{f.column} ' if f.line else ''}[{style}]{f.severity}[/] [bold]{f.rule}[/]: {escape(f.message)}"
            )
            if f.statement:
                console.print(f"      [dim]{escape(f.statement)}[/]")
            rule = RULES.get(f.rule)
            if rule is not None:
                console.print(f"      why: {escape(rule.why)}")
            if f.lock:
                extra = ", rewrites the table" if f.rewrite else ", scans the table" if f.scan else ""
                console.print(f"      lock: {f.lock}{extra}")
            if f.fix:
                console.print(f"      fix: {escape(f.fix)}")
        console.print()
    console.print(_summary(findings))
    return buffer.getvalue()


def format_json(findings: list[Finding]) -> str:
    """``{"findings": [...], "counts": {...}}``, two-space indented (orjson writes the dataclasses itself)."""
    return json_bytes(findings).decode("utf-8")


def json_bytes(findings: list[Finding]) -> bytes:
    """``format_json``'s document as UTF-8 bytes, for writing straight to a binary stream: a report of
    35,000 findings is 5 MB, and decoding it to ``str`` for ``click.echo`` (which scans every
    character for ANSI codes to strip) and encoding it back cost more than producing it."""
    from collections import Counter

    import orjson

    tally = Counter(f.severity for f in findings)  # one pass over the findings, not one per level
    counts = {level: tally[level] for level in ("error", "warning", "info")}
    return orjson.dumps({"findings": findings, "counts": counts}, option=orjson.OPT_INDENT_2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def format_github(findings: list[Finding]) -> str:
    """``::error file=...,line=...,col=...,title=rule::message`` lines (GitHub Actions workflow commands)."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        message = f.message + (f" (lock: {f.lock})" if f.lock else "") + (f" Fix: {f.fix}" if f.fix else "")
        lines.append(
            f"::{_GITHUB_LEVEL.get(f.severity, 'notice')} {','.join(props)}::{_escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
