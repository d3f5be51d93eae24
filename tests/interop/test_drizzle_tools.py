"""The pinned drizzle tools themselves work here, so a failure elsewhere is about pgshift."""

from pathlib import Path


def test_drizzle_kit_check_on_empty_journal(drizzle, tmp_path: Path):
    meta = tmp_path / "out" / "meta"
    meta.mkdir(parents=True)
    (meta / "_journal.json").write_text('{"version": "7", "dialect": "postgresql", "entries": []}')
    proc = drizzle.kit("check", "--dialect", "postgresql", "--out", "./out", cwd=tmp_path)
    assert "Everything's fine" in proc.stdout


def test_drizzle_orm_migrator_applies_a_folder(drizzle, tmp_path: Path, db_url, db):
    out = tmp_path / "out"
    (out / "meta").mkdir(parents=True)
    (out / "0000_init.sql").write_text('CREATE TABLE "t" ("x" integer);')
    (out / "meta" / "_journal.json").write_text(
        '{"version": "7", "dialect": "postgresql", "entries": '
        '[{"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_init", "breakpoints": true}]}'
    )
    drizzle.migrate(db_url, out)
    assert db.execute("SELECT to_regclass('public.t') IS NOT NULL").fetchone()[0]
    assert db.execute('SELECT count(*) FROM "drizzle"."__drizzle_migrations"').fetchone()[0] == 1
