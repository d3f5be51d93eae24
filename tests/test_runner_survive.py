"""Migrations that survive anything: groups commit apart, runs resume, bad folders and bad rollbacks are
refused before anything changes, lock waits name who blocks, lost connections say where they were."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

import pgshift
from pgshift.errors import PgshiftError
from tests.test_runner_support import TRACKING, add_migration, run_main, table_exists

BP = "\n--> statement-breakpoint\n"


def new_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "drizzle"
    (folder / "meta").mkdir(parents=True)
    (folder / "meta" / "_journal.json").write_text(
        json.dumps({"version": "7", "dialect": "postgresql", "entries": []})
    )
    return folder


def progress(db: psycopg.Connection[Any], tag: str) -> tuple[Any, ...] | None:
    return db.execute(
        f"SELECT groups_done, groups_total, group_running, created_at FROM {TRACKING} WHERE name = %s", (tag,)
    ).fetchone()


def invalid_indexes(db: psycopg.Connection[Any]) -> list[str]:
    rows = db.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid").fetchall()
    return [r[0] for r in rows]


MIXED = BP.join(
    [
        'ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";',
        'ALTER TABLE "users" DROP COLUMN "bio";',
        'CREATE INDEX CONCURRENTLY "users_full_name_idx" ON "users" ("full_name");',
        'ALTER TABLE "users" ADD COLUMN "nick" text;',
        'INSERT INTO "users" ("id", "full_name") VALUES (1, \'again\');',
        'CREATE TABLE "after" ("id" int);',
    ]
)


def test_failing_statement_keeps_committed_groups_and_the_rerun_resumes(capsys, tmp_path, db_url, db):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_users", 'CREATE TABLE "users" ("id" int PRIMARY KEY, "name" text, "bio" text);' + BP +
                  "INSERT INTO \"users\" VALUES (1, 'ann', 'x');")  # fmt: skip
    add_migration(folder, "0001_mixed", MIXED)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "migration 0001_mixed failed at statement 5 of 6 (line 9, group 3 of 3)" in err
    assert "groups 1-2 of 3 of 0001_mixed are committed and recorded; group 3 was rolled back" in err
    # Groups 1 (rename + drop) and 2 (the index) are committed; nothing of group 3 is.
    columns = [
        r[0]
        for r in db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1"
        )
    ]
    assert columns == ["full_name", "id"]
    assert table_exists(db, "users_full_name_idx") and not invalid_indexes(db)
    assert progress(db, "0001_mixed") == (
        2,
        3,
        None,
        0,
    )  # created_at 0: drizzle-orm never takes it as applied
    rc, out, _err = run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--no-drift")
    assert (
        rc == 1
        and "partially applied (groups 1-2 of 3)" in out
        and "resumes at the first uncommitted group" in out
    )
    # Fix the cause in the database (the row the INSERT collides with), run again: group 3 only.
    db.execute('DELETE FROM "users" WHERE id = 1')
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert "resuming at group 3 of 3" in err
    assert table_exists(db, "after")
    assert progress(db, "0001_mixed")[:3] == (None, 3, None)
    when = json.loads((folder / "meta" / "_journal.json").read_text())["entries"][1]["when"]
    assert progress(db, "0001_mixed")[3] == when
    assert run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--no-drift")[0] == 0


def test_invalid_index_is_rebuilt_and_reported(capsys, tmp_path, db_url, db):
    db.execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (1)")
    with pytest.raises(psycopg.errors.UniqueViolation):
        db.execute('CREATE UNIQUE INDEX CONCURRENTLY "t_x_key" ON t (x)')
    assert invalid_indexes(db) == ["t_x_key"]
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_idx", 'CREATE UNIQUE INDEX CONCURRENTLY "t_x_key" ON "t" ("x");')
    rc, out, _err = run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--json")
    assert rc == 1 and json.loads(out)["invalid_indexes"] == ["public.t_x_key"]
    rc, out, _err = run_main(
        capsys, "check", "--db", "--url", db_url, "--out", str(folder), "--format", "json"
    )
    assert "index public.t_x_key is INVALID" in out and '"invalid-index"' in out
    db.execute("DELETE FROM t WHERE ctid = (SELECT max(ctid) FROM t)")
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert "index t_x_key is INVALID (an interrupted build); dropping it before building again" in err
    assert invalid_indexes(db) == []
    assert run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--no-drift")[0] == 0


BAD_FILES = {
    "duplicate journal entry": ("journal", None, "the journal lists migrations more than once"),
    "empty placeholder": ("sql", b"", "holds no SQL statement"),
    "comment-only placeholder": (
        "sql",
        b"-- write your SQL here\n/* later */\n",
        "write its SQL or delete it",
    ),
    "NUL byte": ("sql", b"CREATE TABLE a (id int);\n\x00DROP TABLE x;\n", "NUL byte .* at line 2"),
    "invalid UTF-8": ("sql", b"CREATE TABLE a (note text DEFAULT '\xe9');\n", "not UTF-8 text"),
    "binary down file": ("down", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "0001_bad.down.sql contains a NUL byte"),
    "binary journal": ("journal-binary", b"\xff\xfe{", "_journal.json is not UTF-8 text"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_folders_are_refused_before_anything_runs(capsys, tmp_path, db_url, db, case):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_ok", 'CREATE TABLE "ok" ("id" int);')
    add_migration(folder, "0001_bad", 'CREATE TABLE "bad" ("id" int);')
    kind, content, message = BAD_FILES[case]
    journal_path = folder / "meta" / "_journal.json"
    if kind == "journal":
        data = json.loads(journal_path.read_text())
        data["entries"].append(dict(data["entries"][0]))
        journal_path.write_text(json.dumps(data))
    elif kind == "journal-binary":
        journal_path.write_bytes(content)
    elif kind == "down":
        (folder / "0001_bad.down.sql").write_bytes(content)
    else:
        (folder / "0001_bad.sql").write_bytes(content)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert re.search(message, err), err
    assert "Traceback" not in err
    assert not table_exists(db, "ok") and not table_exists(db, "drizzle.__drizzle_migrations")
    with pytest.raises(PgshiftError):
        pgshift.migrate(db_url, folder)
    assert not table_exists(db, "ok")


ENUM_DOWN = BP.join(
    [
        'ALTER TYPE "public"."mood" RENAME TO "mood__pgshift_old";',
        "CREATE TYPE \"public\".\"mood\" AS ENUM('a', 'b');",
        'ALTER TABLE "public"."t" ALTER COLUMN "m" SET DATA TYPE "public"."mood" USING "m"::text::"public"."mood";',
        'DROP TYPE "public"."mood__pgshift_old";',
    ]
)


def test_rollback_refuses_with_counts_before_touching_anything(capsys, tmp_path, db_url, db):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_t", "CREATE TYPE \"public\".\"mood\" AS ENUM('a', 'b');" + BP +
                  'CREATE TABLE "t" ("id" int, "m" "mood", "n" text NOT NULL DEFAULT \'x\');')  # fmt: skip
    add_migration(folder, "0001_c", 'ALTER TYPE "public"."mood" ADD VALUE \'c\';')
    (folder / "0001_c.down.sql").write_text(ENUM_DOWN)
    add_migration(folder, "0002_nullable", 'ALTER TABLE "t" ALTER COLUMN "n" DROP NOT NULL;')
    (folder / "0002_nullable.down.sql").write_text('ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL;')
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    db.execute("INSERT INTO t VALUES (1, 'c', NULL), (2, 'c', NULL), (3, 'a', 'y')")
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(folder), "--steps", "2", "--yes"
    )
    assert rc == 2
    assert "refusing to roll back" in err and "nothing was changed" in err
    assert "SET NOT NULL on t.n meets NULLs: 2 row(s)" in err
    assert 'enum "public"."mood" loses \'c\', still held by public.t.m: 2 row(s)' in err
    assert db.execute("SELECT count(*) FROM " + TRACKING).fetchone()[0] == 3
    assert db.execute("SELECT enum_range(NULL::mood)::text").fetchone()[0] == "{a,b,c}"
    with pytest.raises(PgshiftError, match="refusing to roll back"):
        _api_rollback(db_url, folder)
    db.execute("UPDATE t SET m = 'a', n = 'z'")
    rc, _out, err = run_main(
        capsys, "rollback", "--url", db_url, "--out", str(folder), "--steps", "2", "--yes"
    )
    assert rc == 0, err
    assert db.execute("SELECT enum_range(NULL::mood)::text").fetchone()[0] == "{a,b}"


def _api_rollback(url: str, folder: Path) -> Any:
    from pgshift.config import Config

    return pgshift.rollback(url, config=Config(root=folder.parent, out=folder.name), steps=2, lock_wait=5)


def test_rollback_says_a_dropped_column_comes_back_empty(capsys, tmp_path, db_url, db):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_t", 'CREATE TABLE "t" ("id" int, "bio" text);')
    add_migration(folder, "0001_drop", 'ALTER TABLE "t" DROP COLUMN "bio";')
    (folder / "0001_drop.down.sql").write_text(
        '-- pgshift:data-loss the bios written before 0001 are gone\nALTER TABLE "t" ADD COLUMN "bio" text;'
    )
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    rc, out, err = run_main(capsys, "rollback", "--url", db_url, "--out", str(folder), "--dry-run")
    assert rc == 0, err
    assert "column t.bio comes back empty (line 2): structure is restored, data is not" in out + err
    assert "the bios written before 0001 are gone" in out + err


def test_lock_timeouts_name_the_blocking_session(tmp_path, db_url, db):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_t", 'CREATE TABLE "t" ("id" int);')
    pgshift.migrate(db_url, folder)
    add_migration(folder, "0001_col", 'ALTER TABLE "t" ADD COLUMN "x" int;')
    with psycopg.connect(db_url, application_name="stuck-report") as holder:
        holder.execute("LOCK TABLE t IN ACCESS SHARE MODE")  # idle in transaction from here on
        pid = holder.info.backend_pid
        lines: list[str] = []

        class Capture(logging.Handler):
            def emit(self, record: Any) -> None:
                lines.append(record.getMessage())

        logger = logging.getLogger("pgshift.test.lock")
        logger.addHandler(Capture())
        logger.setLevel("INFO")
        start = time.monotonic()
        with pytest.raises(PgshiftError) as info:
            pgshift.migrate(db_url, folder, lock_timeout="200ms", retries=2, logger=logger)
        elapsed = time.monotonic() - start
    error = str(info.value)
    assert f"SELECT pg_terminate_backend({pid});" in error and "'stuck-report'" in error
    assert "idle in transaction" in error
    retries = [line for line in lines if "lock_timeout" in line]
    assert len(retries) == 2 and all(f"pid {pid}" in line for line in retries)
    assert elapsed < 10
    assert not table_exists(db, "x")


def test_lost_connection_names_migration_group_statement_and_the_rerun_resumes(tmp_path, db_url, db):
    folder = new_folder(tmp_path)
    add_migration(folder, "0000_t", 'CREATE TABLE "t" ("id" int);')
    add_migration(folder, "0001_slow", BP.join([
        'CREATE TABLE "first" ("id" int);',
        'CREATE INDEX CONCURRENTLY "t_id_idx" ON "t" ("id");',
        "SELECT pg_sleep(3);",
        'CREATE TABLE "second" ("id" int);',
    ]))  # fmt: skip

    def terminate() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            row = db.execute(
                "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%'"
            ).fetchone()
            if row:
                db.execute("SELECT pg_terminate_backend(%s)", (row[0],))
                return
            time.sleep(0.05)

    killer = threading.Thread(target=terminate)
    killer.start()
    with pytest.raises(PgshiftError) as info:
        pgshift.migrate(db_url, folder)
    killer.join()
    message = str(info.value)
    assert "lost the connection to the database during migration 0001_slow" in message
    assert "statement 3 of 4 (line 5, group 3 of 3)" in message
    assert table_exists(db, "first") and not table_exists(db, "second")
    result = pgshift.migrate(db_url, folder)
    assert result.applied_tags == ["0001_slow"]
    assert table_exists(db, "second")
