"""``pgshift generate``: write the next migration from the schema code (no database needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pgshift.commands._common import config_options, err, interactive, relpath
from pgshift.config import Config

if TYPE_CHECKING:
    from pgshift.api.generate import GenerateResult
    from pgshift.diff.renames import RenameCandidate, RenameDecisions
    from pgshift.lint.finding import Finding

PREFIXES = ("index", "timestamp", "unix", "none")


@click.command("generate")
@click.option("--name", help="Migration name (sanitised to a-z, 0-9, _); default: a random adjective_noun.")
@click.option(
    "--prefix", type=click.Choice(PREFIXES), help="Tag prefix (default: config `prefix`, else index)."
)
@click.option("--custom", is_flag=True, help="Write an empty migration for hand-written SQL.")
@click.option(
    "--rename",
    "renames",
    multiple=True,
    metavar="KIND:OLD=NEW",
    help="Settle a rename: table:[schema.]old=new, column:[schema.]table.old=new, enum:, sequence:, "
    "schema:old=new, value:enum.old=new. Repeatable.",
)
@click.option(
    "--create",
    "creates",
    multiple=True,
    metavar="KIND:NAME",
    help="Settle a candidate as genuinely new (drop the old one, create this): e.g. column:users.about.",
)
@click.option(
    "--ack",
    "acks",
    multiple=True,
    metavar="RULE",
    help="Acknowledge a reviewed lint finding of the new migration: writes `-- pgshift:ignore RULE` above "
    "its statements now, while the file is unapplied (in a terminal you are asked). Repeatable.",
)
@config_options
def command(
    config: Config,
    name: str | None,
    prefix: str | None,
    custom: bool,
    renames: tuple[str, ...],
    creates: tuple[str, ...],
    acks: tuple[str, ...],
) -> int:
    """Diff the schema code against the last snapshot and write the next migration.

    Writes NNNN_name.sql (up), NNNN_name.down.sql (down), meta/NNNN_snapshot.json and a journal
    entry, in Drizzle Kit's format. When something disappeared and something of the same kind
    appeared, pgshift asks whether it was renamed (in a terminal) or needs --rename/--create.
    """
    from pgshift.api.generate import NO_CHANGES, generate
    from pgshift.commands._common import parse_rename_flags

    # (the linter is loaded by the child that lints the new file, not here, unless --ack names rules)
    bad = _unknown_rules(acks) if acks else []
    if bad:
        raise click.BadParameter(
            f"no lint rule {', '.join(bad)} (`pgshift check --list-rules` lists them)", param_hint="--ack"
        )
    decisions = parse_rename_flags(renames, creates)
    resolver = prompt_resolver if interactive() else None
    result = generate(
        config,
        name=name,
        prefix=prefix,
        custom=custom,
        renames=decisions,
        resolver=resolver,
        acknowledge=acks,
        acknowledger=prompt_acknowledger if interactive() else None,
        lint_as=relpath,  # linted beside the check, as `pgshift check` names the file
    )
    # Plain click output (styles dropped when stdout is not a terminal): rich costs more to import than
    # the few lines here are worth on a 1,000-table generate (bench/generate).
    for note in result.notes:
        err(note)
    if result.unmanaged:
        from pgshift.api.managed import describe_unmanaged

        err(describe_unmanaged(result.unmanaged))
    if result.tag is None:
        click.echo(NO_CHANGES)
        return 0
    for path in result.files:
        click.echo(f"{click.style('wrote', fg='green')} {relpath(path)}")
    if custom:
        click.echo("Prepared an empty migration for your custom SQL.")
    from pgshift.diff.hazards import HazardKind

    lines = []  # one write for all (a 1,000-table initial generate lists 2,000 operations)
    for op in result.ops:
        hazards = op.hazards()
        kinds = {h.kind for h in hazards}
        marks = sorted(k.value for k in kinds - {HazardKind.BLOCKS_READS, HazardKind.BLOCKS_WRITES})
        lock = ""
        if HazardKind.BLOCKS_READS in kinds:
            lock = " " + click.style("(blocks reads and writes)", dim=True)
        elif HazardKind.BLOCKS_WRITES in kinds:
            lock = " " + click.style("(blocks writes)", dim=True)
        warn = " " + click.style(f"! {', '.join(marks)}", fg="yellow") if marks else ""
        lines.append(f"  {op.describe()}{warn}{lock}")
    if lines:
        click.echo("\n".join(lines))
    outside = [op.describe() for op in result.ops if not op.transactional]
    if outside:
        click.echo(
            f"note: outside a transaction, each alone ({'; '.join(outside)}); the statements around "
            "them keep their transactions (`pgshift migrate --dry-run` shows the groups)"
        )
    if result.acknowledged:
        click.echo(f"acknowledged (pgshift:ignore written): {', '.join(result.acknowledged)}")
    for rule in sorted(set(acks) - set(result.acknowledged)):
        err(f"warning: --ack {rule}: the new migration has no such finding")
    _lint(result, config)
    return 0


def _unknown_rules(acks: tuple[str, ...]) -> list[str]:
    from pgshift.lint.paths import unknown_rules

    return unknown_rules(dict.fromkeys(acks, "off"))


def prompt_acknowledger(findings: list[Finding]) -> set[str]:
    """Ask, per rule, whether its findings in the new file were reviewed and are intended."""
    chosen: set[str] = set()
    for rule in dict.fromkeys(f.rule for f in findings):
        mine = [f for f in findings if f.rule == rule]
        click.echo(f"{rule} ({mine[0].severity}): {mine[0].message}", err=True)
        for finding in mine:
            click.echo(f"  line {finding.line}: {finding.statement[:100]}", err=True)
        if click.confirm("Reviewed and intended? Acknowledge it in the file", default=False, err=True):
            chosen.add(rule)
    return chosen


def _lint(result: GenerateResult, config: Config) -> None:
    """Show the linter's findings on the new file (warnings and errors; advice as a count)."""
    if not result.ops:
        return
    findings = result.findings
    if findings is None:  # not linted beside the check
        from pgshift.lint import lint_text

        findings = lint_text(
            result.sql,
            path=relpath(result.files[0]),
            previous_snapshot=result.previous_snapshot,
            config_severity=config.lint or None,
            statements=result.statements,
        )
    # Warnings and errors here; the advice-level findings are one line (pgshift check shows them).
    serious = [f for f in findings if f.severity in ("error", "warning")]
    if serious:
        import sys

        from pgshift.lint import format_human

        click.echo("\nLint (pgshift check):")
        click.echo(format_human(serious, color=sys.stdout.isatty()))
    advice = len(findings) - len(serious)
    if advice:
        click.echo(f"{advice} lint suggestion(s): run `pgshift check` to see them")


def prompt_resolver(candidates: list[RenameCandidate], decisions: RenameDecisions) -> RenameDecisions:
    """Ask about the first open candidate, as drizzle-kit does: created, or renamed from which?"""
    from pgshift.diff.renames import noun

    candidate = candidates[0]
    new = candidate.added[0]
    kind = noun(candidate.kind)
    where = f" in {candidate.container}" if candidate.container else ""
    click.echo(f"Is {new} {kind}{where} created or renamed from another {kind}?", err=True)
    choices = [f"+ {new} create {kind}"] + [f"~ {old} › {new} rename {kind}" for old in candidate.removed]  # noqa: RUF001
    for number, text in enumerate(choices, start=1):
        click.echo(f"  {number}) {text}", err=True)
    picked = click.prompt("Choice", type=click.IntRange(1, len(choices)), default=1, err=True)
    if picked == 1:
        return decisions.with_created(candidate.kind, candidate.container, new)
    return decisions.with_rename(candidate.kind, candidate.container, candidate.removed[picked - 2], new)
