"""pgshift's migration folders against the real drizzle-kit 0.31 and drizzle-orm 0.45 (pinned in package-lock.json).

- drizzle-kit check accepts a folder pgshift wrote;
- drizzle-orm's migrator applies pgshift's migrations;
- pgshift continues a folder drizzle-kit wrote: generate on the equivalent schema finds no changes, and a change
  produces only that change.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SHOP = HERE / "projects" / "shop"
BLOG = HERE.parents[1] / "examples" / "blog"


def pgshift(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"pgshift {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    project = tmp_path / "blog"
    shutil.copytree(BLOG, project, ignore=shutil.ignore_patterns(".pgshift", "drizzle", "__pycache__"))
    return project


@pytest.fixture
def shop(tmp_path: Path, drizzle) -> Path:
    project = tmp_path / "shop"
    shutil.copytree(SHOP, project, ignore=shutil.ignore_patterns("__pycache__"))
    drizzle.link_modules(project)
    return project


def test_drizzle_kit_check_accepts_pgshift_folder(blog: Path, drizzle):
    pgshift(blog, "generate", "--name", "init")
    pgshift(blog, "generate", "--schema", "models_v2.py:Base", "--name", "second")
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=blog)
    assert "Everything's fine" in proc.stdout, proc.stdout + proc.stderr


def test_drizzle_orm_migrator_applies_pgshift_migrations(blog: Path, drizzle, db_url, db):
    pgshift(blog, "generate", "--name", "init")
    pgshift(blog, "generate", "--schema", "models_v2.py:Base", "--name", "second")
    drizzle.migrate(db_url, blog / "drizzle")
    columns = {
        row[0]
        for row in db.execute(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'"
        )
    }
    assert {"users.email", "users.bio", "posts.slug", "posts.views"} <= columns
    rows = db.execute('SELECT hash FROM "drizzle"."__drizzle_migrations" ORDER BY id').fetchall()
    assert len(rows) == 2


def test_pgshift_continues_a_drizzle_kit_folder(shop: Path, drizzle):
    drizzle.kit(
        "generate",
        "--dialect",
        "postgresql",
        "--schema",
        "./schema.ts",
        "--out",
        "./drizzle",
        "--name",
        "init",
        cwd=shop,
    )
    same = pgshift(shop, "generate", "--schema", "models.py:metadata", "--out", "drizzle")
    assert "No schema changes" in same.stdout + same.stderr, same.stdout + same.stderr
    assert sorted(p.name for p in (shop / "drizzle").glob("*.sql")) == ["0000_init.sql"]

    pgshift(
        shop, "generate", "--schema", "models_changed.py:metadata", "--out", "drizzle", "--name", "nickname"
    )
    up = (shop / "drizzle" / "0001_nickname.sql").read_text()
    statements = [s.strip() for s in up.split("--> statement-breakpoint") if s.strip()]
    assert len(statements) == 1, up
    assert "ADD COLUMN" in statements[0] and '"nickname" text' in statements[0]

    journal = json.loads((shop / "drizzle" / "meta" / "_journal.json").read_text())
    assert [e["tag"] for e in journal["entries"]] == ["0000_init", "0001_nickname"]
    first = json.loads((shop / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    second = json.loads((shop / "drizzle" / "meta" / "0001_snapshot.json").read_text())
    assert second["prevId"] == first["id"]
    # drizzle-kit still accepts the folder after pgshift wrote to it.
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=shop)
    assert "Everything's fine" in proc.stdout


def test_drizzle_kit_continues_a_pgshift_folder(shop: Path, drizzle):
    """The other direction: drizzle-kit, given pgshift's snapshot of the same schema, finds nothing to do."""
    pgshift(shop, "generate", "--schema", "models.py:metadata", "--out", "drizzle", "--name", "init")
    proc = drizzle.kit(
        "generate", "--dialect", "postgresql", "--schema", "./schema.ts", "--out", "./drizzle", cwd=shop
    )
    assert "No schema changes" in proc.stdout, proc.stdout + proc.stderr


def test_drizzle_kit_accepts_event_triggers(tmp_path: Path, drizzle, db_url):
    """Event triggers sit under the snapshot's "pgshift" key, which drizzle-kit check accepts; drizzle-orm's
    migrator applies their SQL."""
    import psycopg

    server = psycopg.conninfo.make_conninfo(db_url, dbname="postgres")
    (tmp_path / "pgshift.toml").write_text(f'schema = "models.py"\nout = "drizzle"\ndev_url = "{server}"\n')
    (tmp_path / "models.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "from pgshift import objects\n"
        "metadata = MetaData()\n"
        "Table('events', metadata, Column('id', Integer, primary_key=True))\n"
        "objects.register(metadata, [\n"
        "    objects.Function('public', 'note()', 'RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$'),\n"
        "    objects.EventTrigger('note', 'sql_drop', 'public.note', enabled=False, comment='noted'),\n"
        "])\n"
    )
    pgshift(tmp_path, "generate", "--name", "init")
    snapshot = json.loads((tmp_path / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    assert set(snapshot["pgshift"]["eventTriggers"]) == {"note"}
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=tmp_path)
    assert "Everything's fine" in proc.stdout, proc.stdout + proc.stderr
    drizzle.migrate(db_url, tmp_path / "drizzle")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT evtenabled FROM pg_event_trigger WHERE evtname = 'note'").fetchone() == (
            "D",
        )


@pytest.mark.xfail(
    strict=True, reason="drizzle-kit's table entry is strict: pgshift's per-table extras break it"
)
def test_gap_drizzle_kit_check_rejects_table_extras(tmp_path: Path, drizzle):
    """Known gap (found with the access method, older than it): a table's extras under its own "pgshift"
    key (a comment, storage parameters, USING, ...) make drizzle-kit check call the snapshot malformed
    (views keep theirs under the snapshot's "pgshift" key, viewExtras, for this reason)."""
    (tmp_path / "pgshift.toml").write_text('schema = "models.py"\nout = "drizzle"\n')
    (tmp_path / "models.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\n"
        "metadata = MetaData()\n"
        "Table('events', metadata, Column('id', Integer, primary_key=True), comment='t', postgresql_using='heap2')\n"
    )
    pgshift(tmp_path, "generate", "--name", "init")
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=tmp_path, check=False)
    assert "Everything's fine" in proc.stdout, proc.stdout + proc.stderr
