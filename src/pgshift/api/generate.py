"""``generate``: schema code + the newest snapshot -> the next migration in the Drizzle folder.

Steps: load the schema code into a Model; read the journal and the last snapshot (``meta/`` sorted,
as drizzle-kit does); settle rename candidates (decisions from flags or a prompt — never a guess);
diff; write ``NNNN_name.sql``, ``NNNN_name.down.sql``, ``meta/NNNN_snapshot.json`` and the journal.
Everything is validated and rendered before the first byte is written, each file is written
atomically, and the journal (the file that makes the migration exist) is written last; if a write
fails, the files already written are removed again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pgshift.api.managed import Unmanaged, keep_unmanaged, unmanaged_objects
from pgshift.config import Config
from pgshift.diff.differ import diff
from pgshift.diff.kinds.base import Operation
from pgshift.diff.renames import (
    RenameCandidate,
    RenameDecisions,
    RenameError,
    describe_candidate,
    unsettled_candidates,
)
from pgshift.diff.render import FilesCheck
from pgshift.errors import ConfigError, PgshiftError
from pgshift.folder import files as fs
from pgshift.folder.migration_folder import MigrationFolder
from pgshift.folder.names import random_name, sanitize_name
from pgshift.gcpause import pausing_gc
from pgshift.model.schema import Model

if TYPE_CHECKING:
    from pgshift.lint.finding import Finding
    from pgshift.pg.parser import Statement
    from pgshift.sources.snapshot import Written

CUSTOM_SQL = "-- Custom SQL migration file, put your code below! --\n"
# Rollback refuses a custom migration until its author writes the reverse and removes this line.
CUSTOM_DOWN = "-- pgshift:irreversible custom migration: write its reverse below, then delete this line\n"
NO_CHANGES = "No schema changes, nothing to migrate"

# Given the unsettled candidates and the decisions so far, return more decisions (an interactive prompt).
Resolver = Callable[[list[RenameCandidate], RenameDecisions], RenameDecisions]
# Asked with the new migration's error and warning findings; returns the rule ids the user acknowledges.
Acknowledger = Callable[[list["Finding"]], Collection[str]]


@dataclass(frozen=True)
class GenerateResult:
    """What ``generate`` did: the new migration's tag (None: no changes), operations, files and SQL, and what
    is reported beside them."""

    tag: str | None  # None when nothing was written
    ops: tuple[Operation, ...] = ()
    files: tuple[Path, ...] = ()
    sql: str = ""
    renames: RenameDecisions = field(default_factory=RenameDecisions)
    previous_snapshot: dict[str, Any] | None = None  # the snapshot the diff started from (for the linter)
    unmanaged: tuple[Unmanaged, ...] = ()  # in the snapshot, kept as is: kinds schema code cannot declare
    notes: tuple[str, ...] = ()  # e.g. that declarations were read back through a scratch database
    acknowledged: tuple[str, ...] = ()  # rule ids marked `-- pgshift:ignore` in the new file
    # ``sql`` parsed (None: not parsed yet), for the linter; not part of what the result says
    statements: list[Statement] | None = field(default=None, compare=False, repr=False)
    # ``sql`` linted (``lint_as`` given; None: not linted yet), as ``lint_text`` reports it
    findings: list[Finding] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FolderState:
    """What the folder says about the past: the journal and the last snapshot (data and model)."""

    journal: fs.Journal
    snapshot: dict[str, Any] | None
    model: Model


@dataclass(frozen=True)
class _Past:
    """The journal and the last snapshot's data (its file, to name in errors), not yet made a model."""

    journal: fs.Journal
    snapshot: dict[str, Any] | None
    where: str

    def state(self, written: Written | None = None) -> FolderState:
        """The folder state; ``written`` (the target's tables as the writer writes them) spares reading
        again the tables that did not change (``snapshot_to_model``)."""
        if self.snapshot is None:
            return FolderState(self.journal, None, Model())
        from pgshift.sources.snapshot import snapshot_to_model

        model = snapshot_to_model(self.snapshot, where=self.where, written=written)
        return FolderState(self.journal, self.snapshot, model)


@pausing_gc
def load_schema_model(config: Config, notes: list[str] | None = None) -> Model:
    """The Model of the configured schema code (config.schema), with a clear error when unset.

    Functions, triggers, views and rules it declares (``pgshift.objects``, the config's ``sql`` files) are
    read back through a scratch database (``pgshift.api.scratch``); ``notes`` receives the sentence that
    says so."""
    if not config.schema:
        raise ConfigError(
            "no schema code configured: pgshift does not know which models to read",
            where=str(config.source) if config.source else None,
            hint='set `schema = "myapp.models:Base"` under [tool.pgshift] in pyproject.toml '
            "(or in pgshift.toml), or pass --schema myapp/models.py",
        )
    from pgshift.errors import SchemaLoadError
    from pgshift.model.privileges import PrivilegeError
    from pgshift.sources.from_sqlalchemy import model_from_metadata
    from pgshift.sources.kinds.foreign import SecretOptionError
    from pgshift.sources.kinds.foreign import with_declared as with_foreign_declared
    from pgshift.sources.kinds.grant import with_declared
    from pgshift.sources.load import load_metadata

    metadata = load_metadata(config.schema, config.schema_root)
    model = model_from_metadata(metadata, tables_filter=config.tables_filter)
    items = _registered(metadata)
    try:  # before the scratch database: its foreign tables need their servers there
        model = with_foreign_declared(model, items)
    except SecretOptionError as exc:
        raise SchemaLoadError(str(exc), where=config.schema) from None
    if items or config.sql:  # (the scratch database's module only where something is declared)
        from pgshift.api.scratch import canonical_model, declarations

        declared = declarations(config, items)
        if declared:
            model, note = canonical_model(config, model, declared)
            if notes is not None:
                notes.append(note)
    try:
        return with_declared(model, items)  # grants are data: no scratch database
    except PrivilegeError as exc:
        raise SchemaLoadError(
            f"a privilege declaration is not valid: {exc}",
            where=config.schema,
            hint="fix the objects.Grant / DefaultPrivileges (or PGGrantTable) it names",
        ) from None


def _registered(metadata: Any) -> list[Any]:
    """``pgshift.objects.registered(metadata)``, without loading that module for schema code that never
    imported it (its ~20 declaration classes cost ~9 ms to define): only its ``register`` puts
    declarations on a MetaData, so where it is not loaded there are none."""
    import sys

    objects = sys.modules.get("pgshift.objects")
    return objects.registered(metadata) if objects is not None else []


def check_identifiers(model: Model) -> None:
    """Refuse names longer than 63 bytes: PostgreSQL would truncate them, and the schema would then
    differ from the code (and the snapshot) forever."""
    from pgshift.pg.naming import NAMEDATALEN, truncate_identifier

    # A name of at most 15 characters is at most 60 bytes: only longer ones are encoded and measured.
    short = (NAMEDATALEN - 1) // 4

    def named() -> Iterator[tuple[str, str, str]]:  # (what, its table or "", name), the longer names
        yield from (("schema", "", s) for s in model.schemas if len(s) > short)
        yield from (("enum", "", e.name) for e in model.enums if len(e.name) > short)
        yield from (("sequence", "", q.name) for q in model.sequences if len(q.name) > short)
        yield from (("view", "", v.name) for v in model.views if len(v.name) > short)
        yield from (("publication", "", p.name) for p in model.publications if len(p.name) > short)
        for t in model.tables:
            if len(t.name) > short:
                yield "table", "", t.name
            yield from (("column of", t.name, c.name) for c in t.columns if len(c.name) > short)
            yield from (("index on", t.name, i.name) for i in t.indexes if len(i.name) > short)
            for constraints in (t.foreign_keys, t.unique_constraints, t.check_constraints):
                yield from (
                    ("constraint on", t.name, c.name) for c in constraints if c.name and len(c.name) > short
                )

    too_long = [
        (f"{what} {table}" if table else what, name)
        for what, table, name in named()
        if truncate_identifier(name) != name
    ]
    if too_long:
        listing = "\n".join(
            f"  {what} {name!r} ({len(name.encode())} bytes) would become {truncate_identifier(name)!r}"
            for what, name in too_long
        )
        raise PgshiftError(
            f"names longer than 63 bytes, which PostgreSQL truncates:\n{listing}",
            hint="shorten them in the schema code (or give constraints and indexes explicit shorter names)",
        )


def read_folder_state(folder: Path) -> FolderState:
    """Journal and newest snapshot; an empty model for a new folder. Corrupt files are FolderErrors."""
    return _read_past(folder).state()


def _read_past(folder: Path) -> _Past:
    migrations = MigrationFolder(folder)
    path = migrations.latest_snapshot_path()
    data = migrations.snapshot_data(path) if path else None
    return _Past(migrations.journal(), data, str(path))


def make_tag(idx: int, prefix_mode: str, name: str, now: datetime) -> str:
    """``<prefix>_<name>`` as drizzle-kit builds it (``none`` gives ``_name``, as drizzle-kit does)."""
    if prefix_mode == "index":
        prefix = f"{idx:04d}"
    elif prefix_mode == "timestamp":
        prefix = now.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    elif prefix_mode == "unix":
        prefix = str(int(now.timestamp()))
    else:
        prefix = ""
    return f"{prefix}_{name}"


def settle_renames(
    old: Model, new: Model, decisions: RenameDecisions, resolver: Resolver | None
) -> RenameDecisions:
    """Ask (resolver) until every rename candidate is settled; without one, fail listing each candidate."""
    while True:
        open_candidates = unsettled_candidates(old, new, decisions)
        if not open_candidates:
            return decisions
        if resolver is None:
            listing = "\n".join("  " + describe_candidate(c).replace("\n", "\n  ") for c in open_candidates)
            raise RenameError(
                "some things disappeared and others of the same kind appeared; pgshift will not guess "
                f"whether they were renamed:\n{listing}",
                hint="pass one of the flags above for each (or run generate in a terminal to be asked)",
            )
        more = resolver(open_candidates, decisions)
        if more == decisions:
            raise RenameError("rename question left unanswered")
        decisions = more


def _rename_meta(decisions: RenameDecisions) -> dict[str, dict[str, str]]:
    """drizzle-kit's snapshot ``_meta``: what was renamed, as quoted qualified names."""

    def q(*parts: str) -> str:
        return ".".join(f'"{p}"' for p in parts)

    meta: dict[str, dict[str, str]] = {"columns": {}, "schemas": {}, "tables": {}}
    for _container, old, new in decisions.of("schema"):
        meta["schemas"][old] = new
    for container, old, new in decisions.of("table"):
        meta["tables"][q(container, old)] = q(container, new)
    for container, old, new in decisions.of("column"):
        schema, _, table = container.partition(".")
        meta["columns"][q(schema, table, old)] = q(schema, table, new)
    return meta


def generate(
    config: Config | str | Path | None = None,
    *,
    name: str | None = None,
    prefix: str | None = None,
    custom: bool = False,
    renames: RenameDecisions | None = None,
    resolver: Resolver | None = None,
    now: datetime | None = None,
    acknowledge: Collection[str] = (),
    acknowledger: Acknowledger | None = None,
    lint_as: Callable[[Path], str] | None = None,
) -> GenerateResult:
    """Write the next migration for ``config``; ``tag`` None in the result means no changes.

    ``config`` is a Config, a path to pgshift.toml / pyproject.toml, or None for the nearest one.
    ``resolver`` is asked about rename candidates the ``renames`` decisions leave open; without one,
    an open candidate is a ``RenameError`` listing the flags that settle it.

    ``acknowledge`` (rule ids) and ``acknowledger`` (asked with the new file's error and warning
    findings, returns rule ids) mark reviewed findings with ``-- pgshift:ignore`` in the new file,
    while it is still unapplied and its checksum unrecorded.

    ``lint_as`` (the new up file's path -> the path findings name) has the new file linted as it is
    checked, on the other core where it can be; the result's ``findings`` then hold what
    ``lint_text`` reports (None where it could not: lint ``sql`` yourself).
    """
    from pgshift.config import load_config
    from pgshift.sources.snapshot import (
        EMPTY_ID,
        model_to_snapshot,
        new_snapshot_id,
        snapshot_json,
        snapshot_tables,
        written_tables,
    )

    if not isinstance(config, Config):
        config = load_config(config)

    folder = config.out_dir
    past = _read_past(folder)
    when = now or datetime.now(UTC)
    entry: fs.JournalEntry | None = None
    check: FilesCheck | None = None
    if not custom and lint_as is not None:
        # The check's child is started now, before the schema code loads, while this process is small.
        with suppress(PgshiftError):  # (a --name with nothing usable is reported after the diff, as ever)
            entry = _entry(past.journal, name, prefix or config.prefix, when)
        if entry is not None:
            lint = _linter(config, folder / f"{entry.tag}.sql", past.snapshot, lint_as)
            check = FilesCheck(writing="written", lint=lint)
    try:  # the check stops with whatever stops generate
        decisions = renames or RenameDecisions()
        notes: list[str] = []
        tables: dict[str, dict[str, Any]] | None = None
        if custom:
            state = past.state()
            target = state.model
            ops: list[Operation] = []
        else:
            target = load_schema_model(config, notes)
            check_identifiers(target)
            # The new snapshot's tables are written first: the previous snapshot's tables that equal them
            # are taken as they are, not read again (keep_unmanaged below leaves tables alone). With no
            # previous snapshot there is nothing to spare: they are written while the new files parse.
            if past.snapshot is not None:
                tables = snapshot_tables(target, past.snapshot)
            state = past.state(written_tables(target, tables) if tables is not None else None)
            target = keep_unmanaged(target, state.model)
            decisions = settle_renames(state.model, target, decisions, resolver)
            ops = diff(state.model, target, renames=decisions)
            if not ops:
                return GenerateResult(
                    tag=None, renames=decisions, unmanaged=unmanaged_objects(state.model), notes=tuple(notes)
                )
        entry = entry or _entry(state.journal, name, prefix or config.prefix, when)
        tag = entry.tag
        if ops:  # checked (and linted) while the snapshot is built
            if check is None:
                lint = _linter(config, folder / f"{tag}.sql", state.snapshot, lint_as)
                check = FilesCheck(ops, writing="written", lint=lint)
            else:
                check.check(ops)
        if not custom and tables is None:
            tables = snapshot_tables(target, None)

        prev_id = state.snapshot.get("id", EMPTY_ID) if state.snapshot else EMPTY_ID
        # previous= keeps the last snapshot's SQL spelling where it means the same (drizzle-kit compares text).
        snapshot = model_to_snapshot(
            target, id=new_snapshot_id(), prev_id=prev_id, previous=state.snapshot, tables=tables
        )
        if not custom and "_meta" in snapshot:
            snapshot["_meta"] = _rename_meta(decisions)
        snapshot_text = snapshot_json(snapshot)
        up, down, statements, findings = CUSTOM_SQL, CUSTOM_DOWN, None, None
        if check is not None:
            checked = check.result()  # an UnparsableSqlError here: nothing written
            up, down, statements = checked.up, checked.down, checked.statements
            findings = None if checked.findings is None else _findings(checked.findings)
        acknowledged: tuple[str, ...] = ()
        if ops and (acknowledge or acknowledger):
            marked, acknowledged = _acknowledged(
                up, f"{tag}.sql", state.snapshot, config, acknowledge, acknowledger, statements, findings
            )
            if marked != up:  # the text changed: its statements and findings are to be had again
                up, statements, findings = marked, None, None
        journal = fs.Journal(state.journal.version, state.journal.dialect, (*state.journal.entries, entry))

        written = MigrationFolder(folder).write_migration(
            journal, entry, up=up, down=down, snapshot=snapshot_text
        )
        return GenerateResult(
            tag=tag,
            ops=tuple(ops),
            files=written,
            sql=up,
            renames=decisions,
            previous_snapshot=state.snapshot,
            unmanaged=unmanaged_objects(state.model),
            notes=tuple(notes),
            acknowledged=acknowledged,
            statements=statements,
            findings=findings,
        )
    finally:
        if check is not None:
            check.cancel()


def _entry(journal: fs.Journal, name: str | None, prefix: str, when: datetime) -> fs.JournalEntry:
    """The new migration's journal entry (its tag from ``--name`` or a random one)."""
    label = sanitize_name(name) if name else random_name()
    if not label:
        raise PgshiftError(f"--name {name!r} has no usable characters", hint="use letters, digits and _")
    idx = journal.entries[-1].idx + 1 if journal.entries else 0
    tag = make_tag(idx, prefix, label, when)
    return fs.JournalEntry(idx=idx, version=fs.JOURNAL_VERSION, when=int(when.timestamp() * 1000), tag=tag)


def _linter(
    config: Config, path: Path, previous: dict[str, Any] | None, lint_as: Callable[[Path], str] | None
) -> Callable[[str, list[Statement]], list[tuple[Any, ...]]] | None:
    """``lint_text`` for the new up file as ``lint_as`` names it (None: the caller lints), its findings
    as rows (``_findings`` makes them Findings again): the child that lints sends them back pickled,
    and plain tuples pickle and load in half the time of 4,000 frozen dataclasses (an initial generate
    of 1,000 tables)."""
    if lint_as is None:
        return None
    named, severity = lint_as(path), config.lint or None

    def lint(up: str, statements: list[Statement]) -> list[tuple[Any, ...]]:
        from pgshift.lint import lint_text

        found = lint_text(
            up, path=named, previous_snapshot=previous, config_severity=severity, statements=statements
        )
        return [tuple(vars(f).values()) for f in found]

    return lint


def _findings(rows: list[Any]) -> list[Finding]:
    from pgshift.lint.finding import finding_from_row

    return [finding_from_row(row) for row in rows]


def _acknowledged(
    up: str,
    path: str,
    previous: dict[str, Any] | None,
    config: Config,
    rules: Collection[str],
    acknowledger: Acknowledger | None,
    statements: list[Statement] | None,
    findings: list[Finding] | None,
) -> tuple[str, tuple[str, ...]]:
    """The up SQL with reviewed findings marked, and the rule ids that were marked (``statements``:
    ``up`` parsed already; ``findings``: linted already)."""
    from pgshift.lint import lint_text
    from pgshift.lint.acknowledge import acknowledge

    if findings is None:
        findings = lint_text(
            up,
            path=path,
            previous_snapshot=previous,
            config_severity=config.lint or None,
            statements=statements,
        )
    chosen = set(rules)
    if acknowledger is not None:
        serious = [f for f in findings if f.severity in ("error", "warning") and f.rule not in chosen]
        if serious:
            chosen |= set(acknowledger(serious))
    marked = tuple(sorted({f.rule for f in findings if f.rule in chosen and f.line > 0}))
    return acknowledge(up, findings, chosen), marked
