"""Every command's public function, called directly on a real database: typed results, PgshiftErrors."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import pgshift
from pgshift.runner.run import connect

SCHEMA_V1 = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", Text))
"""

SCHEMA_V2 = (
    SCHEMA_V1
    + """
posts = Table("posts", metadata, Column("id", Integer, primary_key=True), Column("title", Text))
"""
)


def project(tmp_path: Path, schema: str = SCHEMA_V1) -> Path:
    (tmp_path / "schema.py").write_text(schema)
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\nout = "drizzle"\n')
    return tmp_path / "pgshift.toml"


def tables(url: str) -> set[str]:
    with connect(url) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {r[0] for r in rows}


def test_all_exports_resolve_and_import_stays_cheap() -> None:
    code = (
        "import sys, pgshift\n"
        "assert not [m for m in ('sqlalchemy', 'psycopg', 'rich') if m in sys.modules], sys.modules\n"
        "for name in pgshift.__all__: getattr(pgshift, name)\n"
        "assert 'sqlalchemy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_error_derives_from_pgshift_error() -> None:
    errors = [n for n in pgshift.__all__ if n.endswith(("Error", "Timeout"))]
    assert len(errors) >= 8
    for name in errors:
        assert issubclass(getattr(pgshift, name), pgshift.PgshiftError), name


def test_generate_migrate_status_rollback(tmp_path: Path, db_url: str) -> None:
    config = project(tmp_path)
    first = pgshift.generate(config, name="init")
    assert isinstance(first, pgshift.GenerateResult) and first.tag == "0000_init"
    assert dataclasses.is_dataclass(first)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.tag = "x"  # type: ignore[misc]
    assert pgshift.generate(config).tag is None  # no changes

    pending = pgshift.status(db_url, config=config)
    assert isinstance(pending, pgshift.StatusReport)
    assert [e.tag for e in pending.plan.pending] == ["0000_init"] and pending.exit_code == 1

    applied = pgshift.migrate(db_url, config=config)
    assert [a.tag for a in applied.applied] == ["0000_init"]
    assert tables(db_url) == {"users"}

    report = pgshift.status(db_url, config=config)
    assert report.up_to_date and report.exit_code == 0 and not report.drift

    with connect(db_url) as conn:  # a hand-made change is drift
        conn.execute("ALTER TABLE users ADD COLUMN extra int")
    drifted = pgshift.status(db_url, config=config)
    assert drifted.drift and drifted.exit_code == 1
    assert pgshift.status(db_url, config=config, drift=False).exit_code == 0
    with connect(db_url) as conn:
        conn.execute("ALTER TABLE users DROP COLUMN extra")

    seen: list[list[str]] = []
    result = pgshift.rollback(
        db_url, config=config, confirm=lambda s: seen.append([x.tag for x in s]) or True
    )
    assert isinstance(result, pgshift.RollbackResult)
    assert [a.tag for a in result.rolled_back] == ["0000_init"] and seen == [["0000_init"]]
    assert tables(db_url) == set()

    with pytest.raises(pgshift.PgshiftError, match="cancelled"):
        pgshift.migrate(db_url, config=config)
        pgshift.rollback(db_url, config=config, confirm=lambda s: False)


def test_baseline_records_without_running(tmp_path: Path, db_url: str) -> None:
    config = project(tmp_path)
    pgshift.generate(config, name="init")
    result = pgshift.baseline(db_url, config=config)
    assert result == pgshift.BaselineResult(("0000_init",))
    assert tables(db_url) == set()  # nothing ran
    assert pgshift.baseline(db_url, config=config).recorded == ()
    assert pgshift.status(db_url, config=config, drift=False).plan.pending == []


def test_push_plans_confirms_and_applies(tmp_path: Path, db_url: str) -> None:
    config = project(tmp_path)
    planned: list[pgshift.PushPlan] = []
    dry = pgshift.push(db_url, config=config, dry_run=True, on_plan=planned.append)
    assert isinstance(dry, pgshift.PushResult) and not dry.applied and dry.statements == 0
    assert [op.describe() for op in planned[0].operations] and tables(db_url) == set()
    done = pgshift.push(db_url, config=config)
    assert done.applied and done.statements >= 1 and tables(db_url) == {"users"}
    assert pgshift.push(db_url, config=config).plan.operations == ()

    with connect(db_url) as conn:
        conn.execute("INSERT INTO users (id, name) VALUES (1, 'a')")
    # a new file: a schema module loaded once stays loaded in this process
    (tmp_path / "schema_b.py").write_text(SCHEMA_V1.replace(', Column("name", Text)', ""))
    config.write_text('schema = "schema_b.py"\nout = "drizzle"\n')
    with pytest.raises(pgshift.PushError, match="lose data"):
        pgshift.push(db_url, config=config)
    declined = pgshift.push(db_url, config=config, confirm=lambda plan: False)
    assert not declined.applied and declined.plan.risks
    forced = pgshift.push(db_url, config=config, force=True)
    assert forced.applied and forced.statements == 1


def test_pull_writes_code_and_baseline(tmp_path: Path, db_url: str) -> None:
    with connect(db_url) as conn:
        conn.execute("CREATE TABLE things (id int PRIMARY KEY, label text)")
    config = project(tmp_path)
    result = pgshift.pull(db_url, config=config, output=tmp_path / "pulled.py")
    assert isinstance(result, pgshift.PullResult)
    assert result.tables == 1 and result.baseline == "0000_baseline"
    text = result.path.read_text()
    assert "things" in text and "postgresql://" not in text
    with pytest.raises(pgshift.PgshiftError, match="exists"):
        pgshift.pull(db_url, config=config, output=tmp_path / "pulled.py")


def test_check_lints_and_reports_drift(tmp_path: Path, db_url: str) -> None:
    config = project(tmp_path, SCHEMA_V2)
    pgshift.generate(config, name="init")
    clean = pgshift.check(config=config)
    assert isinstance(clean, pgshift.CheckResult) and clean.exit_code == 0
    bad = tmp_path / "bad.sql"
    bad.write_text("ALTER TABLE users DROP COLUMN name;\n")
    found = pgshift.check([bad], config=config)
    assert any(f.rule for f in found.findings)
    pgshift.migrate(db_url, config=config)
    with connect(db_url) as conn:
        conn.execute("DROP TABLE posts")
    drift = pgshift.check(config=config, url=db_url)
    assert drift.exit_code == 1 and any(f.rule == "schema-drift" for f in drift.findings)


def test_api_without_url_is_a_pgshift_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = project(tmp_path)
    for call in (pgshift.status, pgshift.rollback, pgshift.baseline, pgshift.push, pgshift.pull):
        with pytest.raises(pgshift.PgshiftError, match="no database URL"):
            call(config=config)


def test_all_lists_every_export() -> None:
    assert set(pgshift.__all__) == {"__version__", *pgshift._EXPORTS}
