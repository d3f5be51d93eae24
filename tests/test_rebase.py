"""`pgshift rebase`: two branches generate from the same parent with pgshift's own generator, the
folders are merged as git would (both journal entries kept), and rebase regenerates the later one on
top of the first. The result passes the integrity check and migrates a real database."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from pgshift.api.rebase import RebaseError, find_collision, rebase
from pgshift.config import Config
from pgshift.folder import files as fs
from pgshift.folder.migration_folder import MigrationFolder
from pgshift.lint.integrity import check_folder

BASE = """
from sqlalchemy import BigInteger, Column, MetaData, Table, Text, ForeignKey
metadata = MetaData()
users = Table("users", metadata, Column("id", BigInteger, primary_key=True), Column("name", Text))
"""
POSTS = (
    BASE
    + """
posts = Table("posts", metadata, Column("id", BigInteger, primary_key=True),
              Column("author_id", BigInteger, ForeignKey("users.id")))
"""
)
EMAIL = BASE.replace('Column("name", Text))', 'Column("name", Text), Column("email", Text))')
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _generate(root: Path, schema: str, name: str, when: datetime, dev_url: str | None = None) -> str:
    from pgshift.api.generate import generate

    (root / "schema.py").write_text(schema)
    config = Config(root=root, schema=str(root / "schema.py"), out=str(root / "drizzle"), prefix="timestamp",
                    dev_url=dev_url)  # fmt: skip
    result = generate(config, name=name, now=when)
    assert result.tag
    return result.tag


def _merge(a: Path, b: Path, into: Path) -> None:
    """What a git merge with both sides' journal entries kept produces."""
    shutil.copytree(a, into)
    for path in (b / "drizzle").rglob("*"):
        target = into / path.relative_to(b)
        if path.is_file() and not target.exists():
            shutil.copy(path, target)
    ja = json.loads((a / "drizzle/meta/_journal.json").read_text())
    jb = json.loads((b / "drizzle/meta/_journal.json").read_text())
    tags = {e["tag"] for e in ja["entries"]}
    for e in jb["entries"]:
        if e["tag"] not in tags:
            ja["entries"].append({**e, "idx": len(ja["entries"])})
    (into / "drizzle/meta/_journal.json").write_text(json.dumps(ja, indent=2))


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    base.mkdir()
    _generate(base, BASE, "init", T0)
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(base, a)
    shutil.copytree(base, b)
    _generate(a, POSTS, "posts", T0 + timedelta(hours=1))
    _generate(b, EMAIL, "email", T0 + timedelta(hours=2))
    _merge(a, b, tmp_path / "merged")
    return tmp_path / "merged" / "drizzle"


def _apply(folder: Path, conn: psycopg.Connection) -> None:
    migrations = MigrationFolder(folder)
    for entry in migrations.journal().entries:
        migration = migrations.migration(entry)
        for statement in migration.statements:
            conn.execute(statement)


def test_rebase_regenerates_the_later_branch(merged: Path, db: psycopg.Connection) -> None:
    assert any(f.rule == "folder-collision" for f in check_folder(merged))
    collision = find_collision(merged)
    assert (
        collision is not None
        and collision.kept.tag.endswith("_posts")
        and collision.moved.tag.endswith("_email")
    )
    result = rebase(merged, prefix="timestamp", now=T0 + timedelta(hours=3))
    assert result.tag.endswith("_email") and result.tag != collision.moved.tag
    assert 'ADD COLUMN "email" text' in result.sql and "posts" not in result.sql
    assert not (merged / f"{collision.moved.tag}.sql").exists()
    problems = [f for f in check_folder(merged) if f.severity != "info"]
    assert problems == []
    tags = [e.tag for e in fs.read_journal(merged).entries]
    assert tags[-1] == result.tag and len(tags) == 3
    _apply(merged, db)
    columns = {
        r[0]
        for r in db.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'")
    }
    assert columns == {"id", "name", "email"}
    assert db.execute("SELECT to_regclass('public.posts') IS NOT NULL").fetchone()[0]
    last = json.loads(fs.snapshot_path(merged, fs.read_journal(merged).entries[-1]).read_text())
    assert set(last["tables"]) == {"public.users", "public.posts"}
    assert "email" in last["tables"]["public.users"]["columns"]


def test_rebase_refuses_hand_edited_migration(merged: Path) -> None:
    moved = find_collision(merged).moved  # type: ignore[union-attr]
    path = merged / f"{moved.tag}.sql"
    path.write_text(path.read_text() + '\n--> statement-breakpoint\nUPDATE "users" SET "email" = "name";\n')
    with pytest.raises(RebaseError, match="edited by hand"):
        rebase(merged, prefix="timestamp")
    assert path.exists()  # nothing touched
    result = rebase(merged, prefix="timestamp", force=True)
    assert "UPDATE" not in result.sql


def test_rebase_stops_on_conflicting_changes(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    _generate(base, BASE, "init", T0)
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(base, a)
    shutil.copytree(base, b)
    _generate(a, EMAIL, "email_text", T0 + timedelta(hours=1))
    _generate(
        b,
        EMAIL.replace('Column("email", Text)', 'Column("email", BigInteger)'),
        "email_int",
        T0 + timedelta(hours=2),
    )
    _merge(a, b, tmp_path / "merged")
    with pytest.raises(RebaseError, match=r"both branches changed tables\.public\.users\.columns\.email"):
        rebase(tmp_path / "merged" / "drizzle", prefix="timestamp")


def test_nothing_to_rebase(tmp_path: Path) -> None:
    _generate(tmp_path, BASE, "init", T0)
    with pytest.raises(RebaseError, match="no collision"):
        rebase(tmp_path / "drizzle")


def test_rebase_command(merged: Path) -> None:
    import subprocess
    import sys

    root = merged.parent
    (root / "pgshift.toml").write_text('out = "drizzle"\nprefix = "timestamp"\n')
    check = [sys.executable, "-m", "pgshift", "check", "--format", "json"]
    before = subprocess.run(check, cwd=root, capture_output=True, text=True, timeout=60)
    assert before.returncode == 1 and "folder-collision" in before.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "rebase"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "_email is now" in proc.stderr and 'ADD COLUMN "email"' in proc.stdout
    after = subprocess.run(check, cwd=root, capture_output=True, text=True, timeout=60)
    assert "folder-" not in after.stdout, after.stdout
    again = subprocess.run(
        [sys.executable, "-m", "pgshift", "rebase"], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 2 and "no collision" in again.stderr


def test_rebase_index_prefixes_with_their_snapshot(tmp_path: Path, db: psycopg.Connection) -> None:
    """Both branches wrote 0001_*.sql and meta/0001_snapshot.json; the merge kept the first snapshot."""
    from pgshift.api.generate import generate

    def gen(root: Path, schema: str, name: str, when: datetime) -> None:
        (root / "schema.py").write_text(schema)
        generate(
            Config(root=root, schema=str(root / "schema.py"), out=str(root / "drizzle")), name=name, now=when
        )

    base = tmp_path / "base"
    base.mkdir()
    gen(base, BASE, "init", T0)
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(base, a)
    shutil.copytree(base, b)
    gen(a, POSTS, "posts", T0 + timedelta(hours=1))
    gen(b, EMAIL, "email", T0 + timedelta(hours=2))
    theirs = tmp_path / "theirs.json"
    shutil.copy(b / "drizzle/meta/0001_snapshot.json", theirs)
    _merge(a, b, tmp_path / "merged")
    folder = tmp_path / "merged" / "drizzle"
    assert any(f.rule == "folder-shared-snapshot" for f in check_folder(folder))
    with pytest.raises(RebaseError, match=r"share meta/0001_snapshot\.json"):
        rebase(folder)
    result = rebase(folder, snapshot_file=theirs, now=T0 + timedelta(hours=3))
    assert result.tag == "0002_email"
    assert (folder / "meta/0001_snapshot.json").exists() and not (folder / "0001_email.sql").exists()
    assert [f for f in check_folder(folder) if f.severity != "info"] == []
    _apply(folder, db)
    assert (
        db.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'").fetchone()[0]
        == 3
    )


FUNCTION = """
from pgshift import objects
objects.register(metadata, [objects.Function("public", "add_one(x integer)",
                 "RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$")])
"""


def test_rebase_keeps_the_later_branchs_functions(
    tmp_path: Path, db_url: str, db: psycopg.Connection
) -> None:
    """Objects Drizzle has no key for live under the snapshot's "pgshift" key; a three-way merge that
    skipped it lost the later branch's function from the merged snapshot, so the next generate dropped it."""

    def gen(root: Path, schema: str, name: str, when: datetime) -> None:
        _generate(root, schema, name, when, dev_url=db_url)

    base = tmp_path / "base"
    base.mkdir()
    gen(base, BASE, "init", T0)
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(base, a)
    shutil.copytree(base, b)
    gen(a, EMAIL, "email", T0 + timedelta(hours=1))
    gen(b, BASE + FUNCTION, "function", T0 + timedelta(hours=2))
    _merge(a, b, tmp_path / "merged")
    folder = tmp_path / "merged" / "drizzle"
    result = rebase(folder, prefix="timestamp", now=T0 + timedelta(hours=3))
    assert "add_one" in result.sql and "email" not in result.sql
    last = json.loads(fs.snapshot_path(folder, fs.read_journal(folder).entries[-1]).read_text())
    assert list(last["pgshift"]["functions"]) == ["public.add_one(x integer)"]
    _apply(folder, db)
    assert db.execute("SELECT public.add_one(1)").fetchone() == (2,)
