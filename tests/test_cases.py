"""Data-driven differ cases: tests/cases/<name>/{before.py, after.py, expected.sql, expected.down.sql}.

Each before.py / after.py defines ``model`` (a pgshift Model built by hand) or ``metadata`` (SQLAlchemy,
converted with pgshift.sources.from_sqlalchemy). An optional ``renames.txt`` holds --rename / --create
flags, one per line; an optional ``setup.sql`` what every database of the case needs that pgshift does
not manage (a table access method), run on each right after it is made; an optional ``servers.txt`` names
the servers of tests/pgversions.py the case runs on (``servers``; the main one when absent). For every
case the test:

1. compares the rendered up and down SQL with the expected files (byte for byte);
2. writes a real migration folder (create(before) as 0000, the case as 0001 with its down file) and
   applies it with the real runner (``pgshift.migrate``), so the runner's own transaction policy is what
   runs: the schema (pg_dump --schema-only, compared statement by statement) must equal that of
   create(after) on another fresh database; then ``pgshift rollback`` must return it to create(before).

Regenerate expected files with ``PGSHIFT_UPDATE_CASES=1 python -m pytest tests/test_cases.py`` and
review the diff before committing.
"""

from __future__ import annotations

import functools
import json
import os
import runpy
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import psycopg
import pytest

from pgshift.diff.differ import diff
from pgshift.diff.operations import Operation
from pgshift.diff.renames import RenameDecisions, parse_create_flag, parse_rename_flag
from pgshift.diff.render import down_sql, migration_sql
from pgshift.folder.files import split_statements
from pgshift.model.schema import Model
from tests.pgurls import pg_dump_binary
from tests.pgversions import MAIN

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("PGSHIFT_UPDATE_CASES") == "1"


@functools.cache
def load_case_model(path: Path) -> Model:
    """Each case file runs once per process (SQLModel keeps one global MetaData: a second run of the
    same class definitions would clash); models are immutable, so sharing them is safe."""
    namespace = runpy.run_path(str(path))
    if "model" in namespace:
        return namespace["model"]
    from pgshift.sources.from_sqlalchemy import model_from_metadata

    return model_from_metadata(namespace["metadata"])


def load_decisions(case: Path) -> RenameDecisions:
    decisions = RenameDecisions()
    path = case / "renames.txt"
    if not path.exists():
        return decisions
    for line in path.read_text().splitlines():
        flag, _, value = line.strip().partition(" ")
        if flag == "--rename":
            decisions = decisions.with_rename(*parse_rename_flag(value))
        elif flag == "--create":
            decisions = decisions.with_created(*parse_create_flag(value))
    return decisions


def apply_sql(url: str, sql: str, *, transactional: bool = True) -> None:
    """Run a migration file's statements: in one transaction, or one by one (as the runner does for
    migrations holding a non-transactional operation)."""
    statements = split_statements(sql)
    if transactional:
        with psycopg.connect(url) as conn:
            for statement in statements:
                conn.execute(statement)
    else:
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)


def apply_ops(url: str, ops: Sequence[Operation]) -> None:
    apply_sql(url, migration_sql(ops), transactional=all(op.transactional for op in ops))


def apply_down(url: str, ops: Sequence[Operation]) -> None:
    reverses = [op.reverse() for op in ops]
    transactional = all(r.transactional for r in reverses if r is not None)
    text = down_sql(ops)
    apply_sql(url, text, transactional=transactional)


def schema_dump(url: str, *, exclude_schemas: Sequence[str] = ()) -> list[str]:
    """pg_dump --schema-only as a sorted list of statements, each normalised in its own context.

    Comments, SET lines and blank lines are dropped; inside a CREATE TABLE the column and constraint
    lines are sorted (column order does not count) but stay inside their table, so a difference names
    the table it belongs to instead of a loose line.
    """
    args = [pg_dump_binary(url), "--schema-only", "--no-owner", "--no-privileges"]
    args += [f"--exclude-schema={schema}" for schema in exclude_schemas]
    out = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    statements: list[str] = []
    current: list[str] = []
    method = "heap"  # pg_dump writes a table's access method as SET default_table_access_method before it
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith("SET default_table_access_method = "):
            method = stripped.removeprefix("SET default_table_access_method = ").rstrip(";")
            continue
        if (
            not stripped
            or stripped.startswith("--")
            or stripped.startswith(("SET ", "SELECT pg_catalog", "\\"))
        ):
            continue
        current.append(stripped)
        if stripped.endswith(";"):
            statement = _normalise_statement(current)
            if statement.startswith("CREATE TABLE") and method != "heap":
                statement += f"\nUSING {method}"
            statements.append(statement)
            current = []
    if current:
        statements.append(_normalise_statement(current))
    return sorted(statements)


def _normalise_statement(lines: list[str]) -> str:
    """One statement as text; a CREATE TABLE's body lines sorted, without trailing commas."""
    if lines[0].startswith("CREATE TABLE") and lines[0].endswith("(") and len(lines) > 2:
        body = sorted(line.rstrip(",") for line in lines[1:-1])
        return "\n".join([lines[0], *("    " + line for line in body), lines[-1]])
    return "\n".join(lines)


def create_db_with(make_db: Callable[[], str], model: Model) -> str:
    url = make_db()
    apply_ops(url, diff(Model(), model))
    return url


def case_databases(case: Path, make_db: Callable[[], str]) -> Callable[[], str]:
    """``make_db``, with the case's ``setup.sql`` (if any) run on each new database."""
    setup = case / "setup.sql"
    if not setup.exists():
        return make_db

    def make() -> str:
        url = make_db()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(setup.read_text().encode())
        return url

    return make


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "after.py").exists())


def _check_text(path: Path, actual: str) -> None:
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} is missing; run with PGSHIFT_UPDATE_CASES=1 to write it, then review it")
        path.write_text(actual)
        return
    assert actual == path.read_text(), f"{path.name} differs"


TRACKING_SCHEMA = "pgshift_cases"


def write_folder(folder: Path, migrations: Sequence[tuple[str, str, str]]) -> None:
    """A migration folder as ``generate`` lays it out: ``(tag, up, down)`` files and the journal."""
    (folder / "meta").mkdir(parents=True)
    entries = []
    for idx, (tag, up, down) in enumerate(migrations):
        (folder / f"{tag}.sql").write_text(up)
        (folder / f"{tag}.down.sql").write_text(down)
        entries.append(
            {"idx": idx, "version": "7", "when": 1_700_000_000_000 + idx, "tag": tag, "breakpoints": True}
        )
    journal = {"version": "7", "dialect": "postgresql", "entries": entries}
    (folder / "meta" / "_journal.json").write_text(json.dumps(journal, indent=2))


def run_cli(*args: str) -> None:
    from pgshift.cli import cli

    rc = cli.main(args=list(args), prog_name="pgshift", standalone_mode=False)
    assert rc in (None, 0), f"pgshift {' '.join(args)} exited {rc}"


def servers(case: Path) -> list[str]:
    """The servers (tests/pgversions.py ids: ``main``, ``pg18``) a case runs on, one a line in its
    ``servers.txt``; without one, the main server. Cases whose meaning depends on the version (PostgreSQL
    18's NOT ENFORCED, its NOT NULL constraint names) name 18, and ``main`` too where the same SQL must
    hold on older servers."""
    path = case / "servers.txt"
    return path.read_text().split() if path.exists() else [MAIN]


def on_servers() -> list[object]:
    """(case, server) for every server of every case, as parameters of a test that takes the ``pg``
    fixture indirectly; a case on the main server keeps its bare name as its id."""
    return [
        pytest.param(case, server, id=case.name if server == MAIN else f"{case.name}-{server}")
        for case in case_dirs()
        for server in servers(case)
    ]


@pytest.mark.parametrize("case", [c for c in case_dirs() if MAIN in servers(c)], ids=lambda p: p.name)
def test_case(case: Path, make_db: Callable[[], str], tmp_path: Path) -> None:
    run_case(case, make_db, tmp_path)


@pytest.mark.parametrize(
    ("case", "pg"),
    [(case, server) for case in case_dirs() for server in servers(case) if server != MAIN],
    ids=lambda value: value.name if isinstance(value, Path) else value,
    indirect=["pg"],
)
def test_case_on_other_servers(case: Path, pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    run_case(case, make_db, tmp_path)


def run_case(case: Path, make_db: Callable[[], str], tmp_path: Path) -> None:
    import pgshift

    make_db = case_databases(case, make_db)
    before = load_case_model(case / "before.py") if (case / "before.py").exists() else Model()
    after = load_case_model(case / "after.py")
    ops = diff(before, after, renames=load_decisions(case))
    assert ops, "a case must change something"
    _check_text(case / "expected.sql", migration_sql(ops))
    _check_text(case / "expected.down.sql", down_sql(ops))
    # Byte-identical on a second run: output depends only on the models.
    assert migration_sql(diff(before, after, renames=load_decisions(case))) == migration_sql(ops)

    migrations = []
    create_before = diff(Model(), before)
    if create_before:
        migrations.append(("0000_before", migration_sql(create_before), down_sql(create_before)))
    migrations.append(("0001_case", migration_sql(ops), down_sql(ops)))
    folder = tmp_path / "drizzle"
    write_folder(folder, migrations)
    (tmp_path / "pgshift.toml").write_text(f'out = "drizzle"\nmigrations_schema = "{TRACKING_SCHEMA}"\n')
    config = tmp_path / "pgshift.toml"

    url = make_db()
    if create_before:
        pgshift.migrate(url, folder, config=config, to="0000_before")
    before_dump = schema_dump(url, exclude_schemas=[TRACKING_SCHEMA])
    result = pgshift.migrate(url, folder, config=config)
    assert result.applied_tags[-1:] == ["0001_case"]
    assert_same_schema(
        schema_dump(url, exclude_schemas=[TRACKING_SCHEMA]),
        schema_dump(create_db_with(make_db, after)),
        "up did not reach `after`",
    )
    run_cli("rollback", "--yes", "--config", str(config), "--url", url)
    assert_same_schema(
        schema_dump(url, exclude_schemas=[TRACKING_SCHEMA]), before_dump, "down did not return to `before`"
    )


def assert_same_schema(actual: list[str], expected: list[str], message: str) -> None:
    if actual != expected:
        extra = [line for line in actual if line not in expected]
        missing = [line for line in expected if line not in actual]
        pytest.fail(f"{message}\n  unexpected: {extra}\n  missing: {missing}")


def _from_schema_code(case: Path) -> bool:
    """Both models come from schema code (SQLAlchemy), not a hand-built ``model = Model(...)``: generate
    reads only those, so only those must read back from the snapshot exactly."""
    files = [p for p in (case / "before.py", case / "after.py") if p.exists()]
    return not any("\nmodel = " in p.read_text() for p in files)


@pytest.mark.parametrize("case", [c for c in case_dirs() if _from_schema_code(c)], ids=lambda p: p.name)
def test_case_tables_read_back_from_the_snapshot_unchanged(case: Path) -> None:
    """Reading a table's snapshot entry gives back the table that wrote it, for every case's models.

    generate relies on it: a previous table whose entry equals what the code's table writes is taken as
    that table instead of being read again (``snapshot_to_model(..., written=...)``). And reading with
    that reuse gives the same model as reading everything, whatever the previous snapshot holds."""
    from pgshift.sources.snapshot import (
        model_to_snapshot,
        snapshot_tables,
        snapshot_to_model,
        table_entries,
        written_tables,
    )

    models = [load_case_model(p) for p in (case / "before.py", case / "after.py") if p.exists()]
    for model in models:
        data = model_to_snapshot(model, id="a", prev_id="b")
        assert snapshot_to_model(data, where="test").tables == model.tables
    previous = model_to_snapshot(models[0], id="a", prev_id="b")
    target = models[-1]
    written = written_tables(target, snapshot_tables(target, previous))
    reused = snapshot_to_model(previous, where="test", written=written)
    assert reused == snapshot_to_model(previous, where="test")
    if len(models) == 2:
        kept = sum(t in target.tables for t in reused.tables)  # (some tables change in every case)
        assert kept == sum(
            t.key in written and written[t.key][0] == table_entries(previous)[t.key] for t in reused.tables
        )
