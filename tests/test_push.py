"""push: plan, data-loss analysis with real counts, refusal without consent, and the property that a push
from any schema A to S leaves a database that introspects to S."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings

from pgshift.api.push import execute, read_database
from pgshift.config import Config
from pgshift.diff.dataloss import DATA_LOSS, WILL_FAIL, analyze
from pgshift.diff.differ import diff
from pgshift.model.schema import Model
from pgshift.sources.introspect import introspect
from tests.test_cases import apply_ops
from tests.test_roundtrip import models

BASE = """
from sqlalchemy import *
metadata = MetaData()
status = Enum('new', 'done', 'gone', name='status')
items = Table('items', metadata,
    Column('id', Integer, primary_key=True),
    Column('code', Text),
    Column('qty', Text),
    Column('state', status),
    Column('note', Text),
)
extra = Table('extra', metadata, Column('id', Integer, primary_key=True))
"""


def project(tmp_path: Path, source: str) -> Path:
    (tmp_path / "schema.py").write_text(source)
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\n')
    return tmp_path


def push(cwd: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "pgshift", "push", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def seeded(tmp_path: Path, db_url: str, db) -> Path:  # type: ignore[no-untyped-def]
    proj = project(tmp_path, BASE)
    assert push(proj, db_url).returncode == 0
    db.execute(
        "INSERT INTO items (code, qty, state, note) VALUES "
        "('a', '1', 'new', NULL), ('a', 'x', 'done', 'n'), ('b', '3', 'gone', NULL), (NULL, NULL, 'gone', NULL)"
    )
    db.execute("INSERT INTO extra VALUES (1), (2)")
    return proj


CHANGES = [
    # (replacement in BASE, expected message fragment, kind)
    (
        "extra = Table('extra', metadata, Column('id', Integer, primary_key=True))",
        "drops table extra with 2 row(s)",
        DATA_LOSS,
    ),
    ("    Column('note', Text),\n", "drops column items.note holding 1 value(s)", DATA_LOSS),
    (
        "Column('code', Text)",
        "sets items.code NOT NULL but 1 row(s) hold NULL",
        WILL_FAIL,
        "Column('code', Text, nullable=False)",
    ),
    (
        "Column('code', Text)",
        "1 group(s) of duplicate values",
        WILL_FAIL,
        "Column('code', Text, unique=True)",
    ),
    ("Column('qty', Text)", "do not convert", WILL_FAIL, "Column('qty', Integer)"),
    ("'done', 'gone'", "but 2 row(s) of items.state use them", WILL_FAIL, "'done'"),
    (
        "    Column('note', Text),\n",
        "adds NOT NULL column items.must without a default to 4 existing row(s)",
        WILL_FAIL,
        "    Column('note', Text),\n    Column('must', Text, nullable=False),\n",
    ),
]


@pytest.mark.parametrize("change", CHANGES, ids=[c[1][:40] for c in CHANGES])
def test_each_risk_is_counted_and_declining_changes_nothing(change, seeded: Path, db_url: str):  # type: ignore[no-untyped-def]
    old, fragment, _kind, *new = change
    (seeded / "schema.py").write_text(BASE.replace(old, new[0] if new else ""))
    with psycopg.connect(db_url) as conn:
        before = introspect(conn)
    proc = push(seeded, db_url)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert fragment in proc.stdout + proc.stderr
    assert "--force" in proc.stderr
    with psycopg.connect(db_url) as conn:
        assert introspect(conn) == before  # nothing ran


def test_risk_kinds_from_the_api(seeded: Path, db_url: str):
    from pgshift.sources.from_sqlalchemy import model_from_metadata
    from pgshift.sources.load import load_metadata

    (seeded / "schema.py").write_text(
        BASE.replace("    Column('note', Text),\n", "").replace(
            "Column('qty', Text)", "Column('qty', Integer)"
        )
    )
    target = model_from_metadata(load_metadata("schema.py", seeded))
    with psycopg.connect(db_url, autocommit=True) as conn:
        risks = analyze(conn, diff(introspect(conn), target))
    assert sorted(r.kind for r in risks) == [DATA_LOSS, WILL_FAIL]


def test_force_applies_data_loss(seeded: Path, db_url: str, db):  # type: ignore[no-untyped-def]
    (seeded / "schema.py").write_text(BASE.replace("    Column('note', Text),\n", ""))
    proc = push(seeded, db_url, "--force")
    assert proc.returncode == 0, proc.stderr
    assert (
        db.execute("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'").fetchone()[0]
        == 0
    )
    assert push(seeded, db_url).stdout.startswith("No changes")


def test_dry_run_and_verbose(seeded: Path, db_url: str, db):  # type: ignore[no-untyped-def]
    (seeded / "schema.py").write_text(
        BASE.replace("Column('note', Text)", "Column('note', Text), Column('added', Text)")
    )
    proc = push(seeded, db_url, "--dry-run", "--verbose")
    assert proc.returncode == 0
    assert 'ADD COLUMN "added" text' in proc.stdout
    assert "nothing was changed" in proc.stdout
    assert (
        db.execute("SELECT count(*) FROM information_schema.columns WHERE column_name = 'added'").fetchone()[
            0
        ]
        == 0
    )


def test_protected_environment_refuses(tmp_path: Path, db_url: str):
    proj = project(tmp_path, BASE)
    (proj / "pgshift.toml").write_text(
        f'schema = "schema.py"\n[environments.production]\nurl = "{db_url}"\nprotected = true\n'
    )
    proc = push(proj, db_url, "--env", "production")
    assert proc.returncode == 2
    assert "protected" in proc.stderr


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=models(), s=models())
def test_property_push_from_any_a_reaches_s(a: Model, s: Model, make_db) -> None:  # type: ignore[no-untyped-def]
    url = make_db()
    apply_ops(url, diff(Model(), a))
    with psycopg.connect(url, autocommit=True) as conn:
        actual = read_database(conn, Config(), s)
        from pgshift.diff.renames import RenameDecisions, unsettled_candidates

        decisions = RenameDecisions()
        while unsettled := unsettled_candidates(actual, s, decisions):  # settle every candidate as "created"
            for c in unsettled:
                for added in c.added:
                    decisions = decisions.with_created(c.kind, c.container, added)
        execute(conn, diff(actual, s, renames=decisions))
        got = introspect(conn)
    assert diff(got, s) == [], [op.describe() for op in diff(got, s)]


def test_push_keeps_a_serial_sequence_that_the_code_declares_standalone(tmp_path, db_url, db):
    """Code turns `id serial` into a plain integer and declares a sequence of the same name: push
    releases the sequence (OWNED BY NONE) with its position instead of failing on CREATE SEQUENCE."""
    import subprocess
    import sys

    db.execute("CREATE TABLE t (id serial PRIMARY KEY, v int); INSERT INTO t (v) VALUES (1), (2), (3)")
    (tmp_path / "models.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Sequence, Table\n"
        "metadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True, autoincrement=False), Column('v', Integer))\n"
        "Sequence('t_id_seq', metadata=metadata)\n"
    )
    (tmp_path / "pgshift.toml").write_text('schema = "models.py:metadata"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "push", "--url", db_url, "--force"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert db.execute("SELECT nextval('t_id_seq')").fetchone()[0] == 4
    assert (
        db.execute(
            "SELECT column_default FROM information_schema.columns WHERE table_name = 't' AND column_name = 'id'"
        ).fetchone()[0]
        is None
    )


def test_push_refuses_sql_the_parser_rejects_before_running_anything(tmp_path, db_url, db):  # type: ignore[no-untyped-def]
    """Issue 11, defect 4: the same check as generate, before any statement runs (exit 2, index named)."""
    source = BASE.replace(
        "Column('note', Text),", "Column('note', Text), Index('items_note_bad', text('note DESC DESC')),"
    )
    proc = push(project(tmp_path, source), db_url, "--force")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "items_note_bad" in proc.stderr and "cannot parse" in proc.stderr
    assert db.execute("SELECT count(*) FROM pg_class WHERE relname = 'items'").fetchone()[0] == 0


def test_push_serial_to_identity_continues_the_numbering(tmp_path, db_url, db):  # type: ignore[no-untyped-def]
    """Issue 11, defect 5 through push: rows 1..3, row 3 deleted; after the switch to Identity() the
    next insert gets 4 (the serial sequence's position), not 1 (a duplicate key)."""
    db.execute("CREATE TABLE t (id serial PRIMARY KEY, v int); INSERT INTO t (v) VALUES (1), (2), (3)")
    db.execute("DELETE FROM t WHERE id = 3")
    source = (
        "from sqlalchemy import Column, Identity, Integer, MetaData, Table\n"
        "metadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, Identity(), primary_key=True), Column('v', Integer))\n"
    )
    proc = push(project(tmp_path, source), db_url, "--force")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert db.execute("INSERT INTO t (v) VALUES (4) RETURNING id").fetchone()[0] == 4
    assert db.execute("SELECT pg_get_serial_sequence('t', 'id')").fetchone()[0] == "public.t_id_seq"


def test_push_to_a_server_that_refuses_says_so_and_masks_the_password(tmp_path: Path) -> None:
    """push opens its own connection only when it needs one (the forked reader has its own): when both
    are refused, the error is the connection's, after the code has loaded, with the password masked."""
    (tmp_path / "schema.py").write_text("from sqlalchemy import MetaData\nmetadata = MetaData()\n")
    secret = "s3cr3t-Pw"
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "push", "--schema", "schema.py:metadata",
         "--url", f"postgresql://someone:{secret}@127.0.0.1:1/none"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "cannot connect to the database" in proc.stderr and ":***@" in proc.stderr
    assert secret not in proc.stdout + proc.stderr
