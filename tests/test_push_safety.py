"""push and pull at the edges: views, functions and triggers come through pull as declarations and are
kept, pull + generate + push agree, and a failing statement is reported by number, rolled back, exit 2,
no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

DATABASE = """
CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, note text);
INSERT INTO items VALUES (1, 0, 'a'), (2, 5, 'b');
CREATE VIEW cheap AS SELECT id FROM items WHERE qty < 3;
CREATE MATERIALIZED VIEW totals AS SELECT sum(qty) AS total FROM items;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'x'; RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
"""


def cli(cwd: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_pull_then_generate_and_push_plan_nothing_and_keep_views(
    tmp_path: Path, db_url: str, db: psycopg.Connection
) -> None:
    db.execute(DATABASE)
    (tmp_path / "pgshift.toml").write_text(f'schema = "schema.py"\ndev_url = "{db_url}"\n')
    pulled = cli(tmp_path, db_url, "pull")
    assert pulled.returncode == 0, pulled.stderr
    assert "not managed" not in pulled.stderr
    code = (tmp_path / "schema.py").read_text()
    assert "objects.View('public', 'cheap'" in code and "objects.MaterializedView('public', 'totals'" in code
    baseline = (tmp_path / "drizzle" / "0000_baseline.sql").read_text()
    assert "cheap" in baseline and "totals" in baseline and "items_touch" in baseline

    generated = cli(tmp_path, db_url, "generate")
    assert generated.returncode == 0, generated.stderr
    assert "No schema changes" in generated.stdout

    pushed = cli(tmp_path, db_url, "push")
    assert pushed.returncode == 0, pushed.stderr
    assert "No changes" in pushed.stdout, pushed.stdout + pushed.stderr
    assert "scratch database" in pushed.stderr
    assert db.execute("SELECT total FROM totals").fetchone() == (5,)
    assert db.execute("SELECT count(*) FROM cheap").fetchone() == (1,)

    recorded = cli(tmp_path, db_url, "baseline", "--yes")
    assert recorded.returncode == 0, recorded.stderr
    status = cli(tmp_path, db_url, "status")
    assert status.returncode == 0, status.stdout + status.stderr
    assert "drift" not in status.stdout, status.stdout


def test_push_keeps_views_while_changing_a_table(tmp_path: Path, db_url: str, db: psycopg.Connection) -> None:
    db.execute(DATABASE)
    (tmp_path / "pgshift.toml").write_text(f'schema = "schema.py"\ndev_url = "{db_url}"\n')
    assert cli(tmp_path, db_url, "pull").returncode == 0
    schema = (tmp_path / "schema.py").read_text()
    (tmp_path / "schema.py").write_text(schema + "\n\nclass Extra(Base):\n    __tablename__ = 'extra'\n"
                                        "    id: Mapped[int] = mapped_column(primary_key=True)\n")  # fmt: skip
    pushed = cli(tmp_path, db_url, "push")
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert "drop" not in pushed.stdout.lower()
    assert db.execute("SELECT to_regclass('cheap'), to_regclass('totals')").fetchone() == ("cheap", "totals")


def test_failed_statement_is_reported_by_number_and_rolled_back(
    tmp_path: Path, db_url: str, db: psycopg.Connection
) -> None:
    db.execute("CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL); INSERT INTO items VALUES (1, 0)")
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\n')
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import *\nmetadata = MetaData()\n"
        "items = Table('items', metadata, Column('id', Integer, primary_key=True),\n"
        "    Column('qty', Integer, nullable=False), Column('extra', Text),\n"
        "    CheckConstraint('qty > 0', name='qty_positive'))\n"
    )
    pushed = cli(tmp_path, db_url, "push", "--force")
    assert pushed.returncode == 2, pushed.stdout + pushed.stderr
    assert "Traceback" not in pushed.stderr
    assert "push failed at statement" in pushed.stderr and "rolled back" in pushed.stderr
    assert "qty_positive" in pushed.stderr
    columns = db.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'")
    assert columns.fetchone() == (2,)  # the added column went with the rolled-back transaction
