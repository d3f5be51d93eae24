"""pgshift migrate against the real server: each migration once, failures leave nothing behind."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.test_runner_support import (
    TRACKING,
    add_migration,
    applied_names,
    copy_folder,
    journal,
    run_cli,
    run_main,
    table_exists,
    tracking_rows,
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No config file or DATABASE_URL from the surroundings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_applies_every_migration_once_and_records_it_like_drizzle(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert "applied 3 migration(s)" in err
    rows = tracking_rows(db)
    entries = journal(folder)["entries"]
    assert [r[3] for r in rows] == [e["tag"] for e in entries]
    for row, entry in zip(rows, entries, strict=True):
        raw = (folder / f"{entry['tag']}.sql").read_bytes()
        assert row[1] == hashlib.sha256(raw).hexdigest()  # drizzle-orm's hash: sha256 of the file
        assert row[2] == entry["when"]  # created_at = the journal's `when`
    assert db.execute('SELECT count(*) FROM "users"').fetchone()[0] == 1
    valid = db.execute(
        "SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_email_idx'::regclass"
    ).fetchone()[0]
    assert valid is True  # built CONCURRENTLY, outside a transaction
    extra = db.execute(
        f"SELECT applied_at IS NOT NULL, duration_ms >= 0, pgshift_version FROM {TRACKING} ORDER BY id"
    ).fetchall()
    assert all(r[0] and r[1] and r[2] for r in extra)

    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0
    assert "nothing to migrate" in err
    assert db.execute('SELECT count(*) FROM "users"').fetchone()[0] == 1
    assert len(tracking_rows(db)) == 3


def test_failure_leaves_database_as_before_and_names_file_statement_line(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    text = (folder / "0001_breaks.sql").read_text()
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "1 / 0" in ln)
    assert "migration 0001_breaks failed at statement 3 of 4" in err
    assert f"(line {line})" in err
    assert f"0001_breaks.sql:{line}" in err
    assert "division by zero" in err and "SQLSTATE 22012" in err
    assert "Nothing of 0001_breaks was applied" in err
    assert "Completed earlier in this run and kept: 0000_ok" in err
    # Exactly as before 0001: its first two statements were rolled back with it.
    assert table_exists(db, "a")
    assert not table_exists(db, "b")
    assert not table_exists(db, "c")
    assert applied_names(db) == ["0000_ok"]


def test_failed_concurrent_index_leaves_no_invalid_index(capsys, tmp_path, db_url, db):
    folder = copy_folder("concurrent_fail", tmp_path)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "0001_unique" in err and "SQLSTATE 23505" in err
    assert "dropped it (DROP INDEX CONCURRENTLY IF EXISTS public.t_x_key)" in err
    assert "NOT recorded as applied" in err
    invalid = db.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid").fetchone()[0]
    assert invalid == 0
    assert not table_exists(db, "t_x_key")
    assert applied_names(db) == ["0000_dupes"]
    # Fix the data; the migration then runs from statement 1 and succeeds.
    db.execute('DELETE FROM "t" WHERE ctid = (SELECT max(ctid) FROM "t")')
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert applied_names(db) == ["0000_dupes", "0001_unique"]


def test_header_forces_transaction_mode(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text(
        "-- pgshift:transaction off\n" + (folder / "0001_breaks.sql").read_text()
    )
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "runs without a transaction (header `-- pgshift:transaction off`)" in err
    assert "groups 1-2 of 4 of 0001_breaks are committed and recorded" in err
    assert table_exists(db, "b")  # autocommit: the statements before the failure stay
    assert db.execute('SELECT count(*) FROM "b"').fetchone()[0] == 1
    assert applied_names(db) == ["0000_ok", "0001_breaks"]  # the second row is progress, not "applied"
    assert db.execute(
        f"SELECT groups_done, created_at FROM {TRACKING} WHERE name = '0001_breaks'"
    ).fetchone() == (2, 0)
    rc, out, _err = run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--json")
    assert rc == 1
    states = {m["tag"]: m["state"] for m in json.loads(out)["migrations"]}
    assert states == {"0000_ok": "applied", "0001_breaks": "partial"}
    # Fixing the failing statement is editing a partly applied file: refused unless allowed.
    path = folder / "0001_breaks.sql"
    path.write_text(path.read_text().replace("1 / 0", "2"))
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2 and "partially applied (groups 1-2 of 4), but its file changed" in err
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--allow-modified")
    assert rc == 0, err
    assert "resuming at group 3 of 4" in err
    assert db.execute('SELECT id FROM "b" ORDER BY id').fetchall() == [(1,), (2,)]  # group 2 not repeated
    assert table_exists(db, "c")


def test_checksum_mismatch_and_missing_file_are_refused_unless_allowed(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").unlink()
    data = journal(folder)
    data["entries"] = data["entries"][:1]
    (folder / "meta" / "_journal.json").write_text(json.dumps(data))
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0

    (folder / "0000_ok.sql").write_text('CREATE TABLE "a" ("id" bigint);')
    add_migration(folder, "0001_next", 'CREATE TABLE "next" ("id" integer);')
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "0000_ok: the file changed since it was applied (checksum mismatch)" in err
    assert not table_exists(db, "next")

    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--allow-modified")
    assert rc == 0, err
    assert "0000_ok is modified (allowed by --allow-modified)" in err
    assert table_exists(db, "next")

    (folder / "0001_next.sql").unlink()
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--allow-modified")
    assert rc == 0  # applied + missing, allowed
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "0001_next: applied, but its file or journal entry is missing" in err


def test_branch_merge_applied_out_of_order_with_warning_or_refused_strict(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    data = journal(folder)
    data["entries"] = data["entries"][:1]
    (folder / "meta" / "_journal.json").write_text(json.dumps(data))
    add_migration(folder, "0002_main", 'CREATE TABLE "main_tbl" ("id" integer);', when=1795351403000)
    assert run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))[0] == 0
    # A branch generated before 0002 and merged later: older `when`, earlier in the journal.
    add_migration(
        folder, "0001_branch", 'CREATE TABLE "branch_tbl" ("id" integer);', when=1795351401500, position=1
    )

    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--strict-order")
    assert rc == 2
    assert "--strict-order" in err and "0001_branch" in err
    assert not table_exists(db, "branch_tbl")

    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert "applying 0001_branch out of order" in err
    assert table_exists(db, "branch_tbl")
    assert applied_names(db) == ["0000_ok", "0002_main", "0001_branch"]
    rc, out, _err = run_main(capsys, "status", "--url", db_url, "--out", str(folder), "--json")
    assert rc == 0  # applied out of order is a fact shown, not a fault
    flags = {m["tag"]: m["out_of_order"] for m in json.loads(out)["migrations"]}
    assert flags == {"0000_ok": False, "0001_branch": True, "0002_main": False}


def test_dry_run_prints_what_would_run_and_changes_nothing(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    rc, out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--dry-run")
    assert rc == 0, err
    lines = out.splitlines()
    assert lines.count("BEGIN;") == 2 and lines.count("COMMIT;") == 2
    cic = lines.index('CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" USING btree ("email");')
    assert lines.index("COMMIT;", lines.index("-- 0001_posts: 1 group(s)")) < cic
    assert "BEGIN;" not in lines[cic:]
    assert (
        "-- group 1 of 1 (without a transaction: CREATE INDEX CONCURRENTLY at line 1 cannot run in a transaction)"
        in lines
    )
    order = [ln for ln in lines if ln.startswith("-- 000")]
    assert [o.split()[1] for o in order] == ["0000_users:", "0001_posts:", "0002_users_email_idx:"]
    assert 'INSERT INTO "drizzle"."__drizzle_migrations"' in out
    assert not table_exists(db, "users")
    assert not table_exists(db, "drizzle.__drizzle_migrations")


def test_to_stops_after_tag_and_json_output(capsys, tmp_path, db_url, db):
    folder = copy_folder("basic", tmp_path)
    rc, out, _err = run_main(
        capsys, "migrate", "--url", db_url, "--out", str(folder), "--to", "0001_posts", "--json"
    )
    assert rc == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert [a["tag"] for a in data["applied"]] == ["0000_users", "0001_posts"]
    assert all(isinstance(a["duration_ms"], int) for a in data["applied"])
    assert data["remaining"] == ["0002_users_email_idx"]
    assert applied_names(db) == ["0000_users", "0001_posts"]
    rc, out, _err = run_main(
        capsys, "migrate", "--url", db_url, "--out", str(folder), "--to", "nope", "--json"
    )
    assert rc == 2
    assert "no such migration" in json.loads(out)["error"]


def test_json_error_carries_statement_details(capsys, tmp_path, db_url):
    folder = copy_folder("failing", tmp_path)
    rc, out, _err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--json")
    assert rc == 2
    data = json.loads(out)
    assert data["ok"] is False
    assert (data["tag"], data["statement"], data["sqlstate"]) == ("0001_breaks", 3, "22012")
    assert data["completed"] == ["0000_ok"]


def test_single_transaction(capsys, tmp_path, db_url, db):
    basic = copy_folder("basic", tmp_path)
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(basic), "--single-transaction")
    assert rc == 2
    assert "--single-transaction is impossible: 0002_users_email_idx" in err
    assert not table_exists(db, "users")  # refused before anything ran

    failing = copy_folder("failing", tmp_path)
    rc, _out, err = run_main(
        capsys, "migrate", "--url", db_url, "--out", str(failing), "--single-transaction"
    )
    assert rc == 2
    assert "Nothing of this run was applied" in err
    assert not table_exists(db, "a")  # 0000_ok went down with 0001 in the one transaction


def test_syntax_error_stops_before_anything_runs(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    add_migration(
        folder, "0002_typo", 'CREATE TABLE "ok" ("id" int);\n--> statement-breakpoint\nCREAT TABLE x ();'
    )
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "0002_typo: syntax error" in err and "0002_typo.sql:3:1" in err
    assert not table_exists(db, "a")


def test_protected_environment_needs_yes(tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text('CREATE TABLE "b" ("id" integer);')
    (tmp_path / "pgshift.toml").write_text(
        f'out = "{folder.name}"\n[environments.production]\nurl = "${{PROD_URL}}"\nprotected = true\n'
    )
    env = {"PROD_URL": db_url}
    proc = run_cli("migrate", "--env", "production", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    assert "environment 'production' is protected: migrate needs --yes" in proc.stderr
    assert not table_exists(db, "a")
    assert run_cli("migrate", "--env", "production", "--dry-run", cwd=tmp_path, env=env).returncode == 0
    proc = run_cli("migrate", "--env", "production", "--yes", cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert applied_names(db) == ["0000_ok", "0001_breaks"]


def test_password_never_printed(tmp_path):
    folder = copy_folder("failing", tmp_path)
    secret = "s3cr3t-Pw"
    for url in (
        f"postgresql://no_such_role_x:{secret}@127.0.0.1:5432/postgres",
        f"postgresql://someone:{secret}@127.0.0.1:6543/postgres",  # a pooler port: warned, then refused
    ):
        proc = run_cli("migrate", "--url", url, "--out", str(folder), timeout=60)
        assert proc.returncode == 2
        assert secret not in proc.stdout + proc.stderr
        assert "cannot connect to the database" in proc.stderr
        assert ":***@" in proc.stderr
    assert "transaction pooler" in proc.stderr


def test_backup_runs_pg_dump_first_or_refuses_without_it(tmp_path, db_url, db):
    import shutil

    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text('CREATE TABLE "b" ("id" integer);')
    dump = tmp_path / "before.dump"
    if shutil.which("pg_dump"):
        proc = run_cli("migrate", "--url", db_url, "--out", str(folder), "--backup", str(dump))
        assert proc.returncode == 0, proc.stderr
        assert dump.read_bytes()[:5] == b"PGDMP"
        assert "backup written to" in proc.stderr
        db.execute('DROP TABLE "a", "b"; DROP SCHEMA "drizzle" CASCADE')
    # no pg_dump on PATH: the embedded server's own pg_dump (pgserver ships one) takes the backup
    dump.unlink(missing_ok=True)
    proc = run_cli(
        "migrate", "--url", db_url, "--out", str(folder), "--backup", str(dump), env={"PATH": str(tmp_path)}
    )
    assert proc.returncode == 0, proc.stderr
    assert dump.read_bytes()[:5] == b"PGDMP"


def test_enum_value_added_then_used_by_next_migration(capsys, tmp_path, db_url, db):
    """drizzle-orm's one transaction fails here (unsafe use of new enum value); pgshift commits each."""
    folder = copy_folder("failing", tmp_path)
    (folder / "0000_ok.sql").write_text("CREATE TYPE \"mood\" AS ENUM ('ok');")
    (folder / "0001_breaks.sql").write_text("ALTER TYPE \"mood\" ADD VALUE 'great';")
    add_migration(
        folder,
        "0002_use",
        'CREATE TABLE "m" ("v" mood DEFAULT \'great\');\n--> statement-breakpoint\nINSERT INTO "m" DEFAULT VALUES;',
    )
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder), "--single-transaction")
    assert rc == 2 and "55P04" in err  # unsafe use of new value: what one transaction for all does
    assert not table_exists(db, "m")
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert db.execute('SELECT v::text FROM "m"').fetchone()[0] == "great"


def test_explicit_begin_commit_refused_in_transactional_migration(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0001_breaks.sql").write_text('BEGIN;\nCREATE TABLE "b" ("id" int);\nCOMMIT;\n')
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 2
    assert "0001_breaks: contains BEGIN at line 1" in err and "pgshift:transaction off" in err
    assert not table_exists(db, "a")
    (folder / "0001_breaks.sql").write_text(
        "-- pgshift:transaction off\n" + (folder / "0001_breaks.sql").read_text()
    )
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(folder))
    assert rc == 0, err
    assert table_exists(db, "b")


def test_statement_timeout_and_percent_signs(capsys, tmp_path, db_url, db):
    folder = copy_folder("failing", tmp_path)
    (folder / "0000_ok.sql").write_text(
        'CREATE TABLE "a" ("v" text);\n--> statement-breakpoint\nINSERT INTO "a" VALUES (\'100%s %d %%\');'
    )
    (folder / "0001_breaks.sql").write_text("SELECT pg_sleep(2);")
    rc, _out, err = run_main(
        capsys, "migrate", "--url", db_url, "--out", str(folder), "--statement-timeout", "300ms"
    )
    assert rc == 2
    assert "57014" in err and "statement timeout" in err
    assert db.execute('SELECT v FROM "a"').fetchone()[0] == "100%s %d %%"  # sent as written
    assert applied_names(db) == ["0000_ok"]


def test_missing_folder_is_an_error(capsys, tmp_path, db_url):
    rc, _out, err = run_main(capsys, "migrate", "--url", db_url, "--out", str(tmp_path / "nope"))
    assert rc == 2 and "does not exist" in err


def test_dry_run_output_matches_expected_file(capsys, db_url):
    """The whole --dry-run text for tests/migrations/basic, kept beside the folder as basic.dry-run.sql."""
    from pgshift import __version__
    from tests.test_runner_support import MIGRATIONS

    rc, out, _err = run_main(
        capsys, "migrate", "--url", db_url, "--out", str(MIGRATIONS / "basic"), "--dry-run"
    )
    assert rc == 0
    expected = (MIGRATIONS / "basic.dry-run.sql").read_text()
    assert out.replace(f"'{__version__}'", "'{version}'") == expected


def test_password_masked_in_every_output_of_a_working_url(tmp_path, db_url):
    """A (wrong, but trust-accepted) password in a working URL: status, failures and JSON never show it."""
    from psycopg.conninfo import conninfo_to_dict

    secret = "Wr0ng-pass"
    if conninfo_to_dict(db_url).get("password") or "@" not in db_url:
        pytest.skip("the test server URL carries its own password")
    scheme, rest = db_url.split("://", 1)
    user, host = rest.split("@", 1)
    url = f"{scheme}://{user}:{secret}@{host}"
    folder = copy_folder("failing", tmp_path)
    outputs = []
    for args in (("status",), ("migrate",), ("migrate", "--json"), ("status", "--json")):
        proc = run_cli(*args, "--url", url, "--out", str(folder))
        outputs.append(proc.stdout + proc.stderr)
    joined = "\n".join(outputs)
    assert secret not in joined
    assert ":***@" in joined  # the status title shows the masked URL
    assert "division by zero" in joined  # the failure was reported, without the password


@pytest.mark.parametrize("command", ["migrate", "status", "rollback", "baseline"])
def test_commands_never_import_sqlalchemy(command, tmp_path, db_url):
    import subprocess
    import sys

    folder = copy_folder("basic", tmp_path)
    code = (
        "import sys\nfrom pgshift.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('SQLALCHEMY', [m for m in sys.modules if m.startswith('sqlalchemy')][:3], file=sys.stderr)\n"
    )
    args = [command, "--url", db_url, "--out", str(folder)]
    if command in ("rollback", "baseline"):
        args.append("--yes")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert "SQLALCHEMY []" in proc.stderr, proc.stderr


def test_migrations_run_with_standard_conforming_strings_on(tmp_path, db_url, db):
    """A database set to standard_conforming_strings = off must not reinterpret generated literals."""
    import pgshift
    from tests.test_cases import write_folder

    db.execute(f"ALTER DATABASE \"{db.info.dbname}\" SET standard_conforming_strings = off")
    folder = tmp_path / "drizzle"
    write_folder(
        folder,
        [("0000_lit", "CREATE TABLE t (v text);--> statement-breakpoint\nINSERT INTO t VALUES ('a\\b');", "")],
    )
    pgshift.migrate(db_url, folder)
    assert db.execute("SELECT v, length(v) FROM t").fetchone() == ("a\\b", 3)
