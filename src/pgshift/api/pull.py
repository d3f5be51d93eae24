"""``pull``: SQLAlchemy schema code for an existing database, plus a baseline migration for a new folder."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Literal

from pgshift.api._common import ConfigLike, as_config, database_errors, require_url
from pgshift.api.managed import Unmanaged, unmanaged_in_database, unmanaged_objects, without_unmanaged
from pgshift.errors import PgshiftError
from pgshift.model.schema import Model

Style = Literal["orm", "core"]


@dataclass(frozen=True)
class PullResult:
    """The code file written, what it holds, and the baseline migration's tag when one was written."""

    path: Path
    model: Model
    baseline: str | None
    unmanaged: tuple[Unmanaged, ...] = ()  # read but not written: kinds schema code cannot declare

    @property
    def tables(self) -> int:
        return len(self.model.tables)

    @property
    def enums(self) -> int:
        return len(self.model.enums)


@dataclass(frozen=True)
class Baseline:
    """The texts of a baseline migration: up, down and snapshot (what ``write_baseline`` writes)."""

    up: str
    down: str
    snapshot: str


def baseline_sql(model: Model) -> tuple[str, str]:
    """The whole schema as a first migration: its SQL and its down file."""
    from pgshift.diff.differ import diff
    from pgshift.diff.render import down_sql, migration_sql

    ops = diff(Model(), model)
    return migration_sql(ops), down_sql(ops)


def baseline_snapshot(model: Model) -> str:
    """The first migration's snapshot (JSON) of ``model``."""
    from pgshift.sources.snapshot import EMPTY_ID, model_to_snapshot, new_snapshot_id, snapshot_json

    return snapshot_json(model_to_snapshot(model, id=new_snapshot_id(), prev_id=EMPTY_ID))


def write_baseline(folder: Path, texts: Baseline) -> str:
    """0000_baseline: the whole schema as a first migration, with its snapshot and journal entry."""
    from pgshift.folder import files as fs
    from pgshift.folder.migration_folder import MigrationFolder

    tag = "0000_baseline"
    entry = fs.JournalEntry(
        idx=0, version=fs.JOURNAL_VERSION, when=int(datetime.now(UTC).timestamp() * 1000), tag=tag
    )
    MigrationFolder(folder).write_migration(
        fs.Journal(entries=(entry,)), entry, up=texts.up, down=texts.down, snapshot=texts.snapshot
    )
    return tag


def pull(
    url: str | None = None,
    *,
    config: ConfigLike = None,
    output: str | Path | None = None,
    style: Style = "orm",
    force: bool = False,
) -> PullResult:
    """Read the database's schema (the config's schemas and table filters) and write it as SQLAlchemy
    code to ``output`` (default: ``schema.py`` in the config file's folder, the path rule of
    ``pgshift.config``; a given relative path is relative to the current directory); when the migration folder has no migrations yet, also write ``0000_baseline``
    so ``generate`` continues from it. Refuses to overwrite ``output`` unless ``force``."""
    from pgshift import forked
    from pgshift.runner.run import connect

    # What writes the code and the baseline is imported while the catalog queries keep the server busy
    # (bench/pull: ~60 ms of imports that otherwise follow the reading).
    writers = threading.Thread(target=_import_writers, daemon=True)
    writers.start()
    from pgshift.folder import files as fs
    from pgshift.folder.migration_folder import MigrationFolder
    from pgshift.sources.introspect import introspect
    from pgshift.urls import database_label

    cfg = as_config(config)
    target_url = require_url(url, cfg, "pull")
    target = cfg.path("schema.py") if output is None else Path(output).resolve()
    if target.exists() and not force:
        raise PgshiftError(
            f"{_shown(target)} exists", hint="pass --force to overwrite it, or --output elsewhere"
        )
    with connect(target_url) as conn, database_errors("pull could not read the database"):
        scope = cfg.introspect_scope()
        model = introspect(
            conn,
            schema_filter=scope.schemas,
            tables_filter=scope.tables_filter,
            exclude_tables=scope.exclude_tables,
            url=target_url,
        )
        unmanaged = unmanaged_objects(model)
        model = without_unmanaged(model)  # the code cannot declare them: the baseline must not either
        writers.join()  # (before any fork: a child forked beside a thread could inherit a held lock)
        baseline = not MigrationFolder(cfg.out_dir).journal().entries
        # The baseline's SQL is made in a forked child (pgshift.forked) while this process renders the
        # code and the snapshot: each only reads the model (~75 ms of SQL against ~120 ms of code and
        # snapshot for 1,000 tables, bench/pull). Where no child is forked, or it cannot deliver, it is
        # made here. This process writes every file, the code first, as it would without the child.
        child = forked.start(partial(baseline_sql, model)) if baseline else None
        try:
            with ThreadPoolExecutor(max_workers=1) as pool:  # the query waits on the server: beside the code
                listing = pool.submit(unmanaged_in_database, conn, cfg.schema_filter)
                from pgshift.codegen.sqlalchemy_code import render_core, render_orm, tidy

                render = render_orm if style == "orm" else render_core
                code = tidy(render(model, source=database_label(target_url)))
                unmanaged += listing.result()
            snapshot = baseline_snapshot(model) if baseline else ""
            fs.write_text_atomic(target, code)
            made = child.result() if child is not None else None
        except BaseException:  # (a child left unread would wait forever to send its 1.5 MB)
            if child is not None:
                child.cancel()
            raise
    tag = None
    if baseline:
        up, down = made or baseline_sql(model)
        tag = write_baseline(cfg.out_dir, Baseline(up, down, snapshot))
    return PullResult(target, model, tag, unmanaged)


def _import_writers() -> None:
    import pgshift.codegen.sqlalchemy_code
    import pgshift.diff.differ
    import pgshift.diff.render
    import pgshift.sources.snapshot  # noqa: F401


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
