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


EXTRAS_EVERYWHERE = """\
from sqlalchemy import (CheckConstraint, Column, Enum, ForeignKeyConstraint, Index, Integer, MetaData,
    PrimaryKeyConstraint, Sequence, SmallInteger, Table, Text, UniqueConstraint)
from pgshift import objects
metadata = MetaData()
Table("parent", metadata, Column("id", Integer, primary_key=True))
events = Table(
    "events", metadata,
    Column("id", Integer), Column("parent_id", Integer, comment="whose"), Column("name", Text),
    Column("mood", Enum("ok", "bad", name="mood")),
    PrimaryKeyConstraint("id", name="events_pkey", deferrable=True),
    ForeignKeyConstraint(["parent_id"], ["parent.id"], name="events_parent_fk", deferrable=True,
                         initially="DEFERRED"),
    UniqueConstraint("name", name="events_name_key", deferrable=True),
    CheckConstraint("id > 0", name="events_id_check", comment="ids", postgresql_not_valid=True),
    comment="what happened", postgresql_with={"fillfactor": "70"},
    info={"pgshift": {"rls": True, "policies": [{"name": "own", "using": "true", "comment": "all rows"}]}},
)
Index("events_name_idx", events.c.name, postgresql_include=["id"], info={"pgshift": {"comment": "lookups"}})
Sequence("counter", metadata=metadata, data_type=SmallInteger)
objects.register(metadata, [
    objects.Comment("TYPE public.mood", "moods"),
    objects.Comment("SEQUENCE public.counter", "counts"),
])
"""


def test_drizzle_kit_check_accepts_extras_of_every_strict_entry(tmp_path: Path, drizzle, db_url):
    """drizzle-kit rejects unknown keys in its entries for tables, columns, indexes, foreign keys, unique
    and check constraints, policies, enums and sequences: pgshift keeps what Drizzle has no key for (a
    comment, a deferrable constraint, NOT VALID, INCLUDE, storage parameters, ...) under the snapshot's
    own "pgshift" key, so drizzle-kit check accepts the folder, and pgshift reads it back unchanged."""
    import psycopg

    server = psycopg.conninfo.make_conninfo(db_url, dbname="postgres")
    (tmp_path / "pgshift.toml").write_text(f'schema = "models.py"\nout = "drizzle"\ndev_url = "{server}"\n')
    (tmp_path / "models.py").write_text(EXTRAS_EVERYWHERE)
    pgshift(tmp_path, "generate", "--name", "init")
    snapshot = json.loads((tmp_path / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    extras = snapshot["pgshift"]
    assert set(extras["tableExtras"]["public.events"]) == {
        "comment", "primaryKeyDeferrable", "storageParameters", "columns", "indexes", "foreignKeys",
        "uniqueConstraints", "checkConstraints", "policies",
    }, extras  # fmt: skip
    assert extras["enumExtras"] == {"public.mood": {"comment": "moods"}}
    assert extras["sequenceExtras"] == {"public.counter": {"dataType": "smallint", "comment": "counts"}}
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=tmp_path, check=False)
    assert "Everything's fine" in proc.stdout, proc.stdout + proc.stderr
    again = pgshift(tmp_path, "generate")
    assert "No schema changes" in again.stdout + again.stderr, again.stdout + again.stderr


def test_drizzle_kit_continues_a_pgshift_folder_with_extras(shop: Path, drizzle):
    """Extras on the objects schema.ts declares (comments, a deferrable foreign key, storage parameters,
    an access method) are not Drizzle's business: drizzle-kit check accepts the folder and drizzle-kit generate,
    given the same schema in TypeScript, finds nothing to do."""
    code = (shop / "models.py").read_text()
    extras = code.replace(
        'Column("name", Text),', 'Column("name", Text, comment="shown"),'
    ).replace(
        'ForeignKey("users.id", ondelete="CASCADE")',
        'ForeignKey("users.id", ondelete="CASCADE", deferrable=True, initially="DEFERRED")',
    ).replace(
        'Index("orders_user_id_idx", "user_id"),',
        'Index("orders_user_id_idx", "user_id", info={"pgshift": {"comment": "per user"}}),',
    ).replace(
        'Index("orders_note_idx", "note", unique=True),',
        'Index("orders_note_idx", "note", unique=True),\n'
        '    comment="what was bought",\n    postgresql_with={"fillfactor": "80"},\n'
        '    postgresql_using="heap2",',
    )  # fmt: skip
    assert extras.count("comment=") == 2 and "deferrable" in extras and "fillfactor" in extras
    (shop / "models_extras.py").write_text(extras)
    pgshift(shop, "generate", "--schema", "models_extras.py:metadata", "--out", "drizzle", "--name", "init")
    snapshot = json.loads((shop / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    assert set(snapshot["pgshift"]["tableExtras"]) == {"public.users", "public.orders"}
    assert snapshot["pgshift"]["tableExtras"]["public.orders"]["accessMethod"] == "heap2"
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./drizzle", cwd=shop, check=False)
    assert "Everything's fine" in proc.stdout, proc.stdout + proc.stderr
    proc = drizzle.kit(
        "generate", "--dialect", "postgresql", "--schema", "./schema.ts", "--out", "./drizzle", cwd=shop
    )
    assert "No schema changes" in proc.stdout, proc.stdout + proc.stderr
