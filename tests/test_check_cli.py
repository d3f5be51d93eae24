"""`pgshift check` end to end: a subprocess per run, real files, the real server for --db."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg

from pgshift.lint.paths import check_paths

DANGEROUS = """\
ALTER TABLE "users" ADD COLUMN "tenant_id" bigint NOT NULL;
--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" ("name");
"""


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pgshift", "check", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_human_output_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text(DANGEROUS)
    proc = run(tmp_path, "m.sql")
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "m.sql" in out
    assert "1:1 error add-column-not-null-no-default" in out
    assert "3:1 warning index-not-concurrent" in out
    assert "lock: SHARE" in out and "fix: CREATE INDEX CONCURRENTLY" in out
    assert "1 error(s), 1 warning(s)" in out


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text('CREATE INDEX "i" ON "users" ("name");\n')
    assert run(tmp_path, "m.sql").returncode == 0


def test_json_and_github_formats(tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text(DANGEROUS)
    data = json.loads(run(tmp_path, "--format", "json", "m.sql").stdout)
    rules = [(f["rule"], f["line"], f["column"], f["lock"]) for f in data["findings"]]
    assert ("add-column-not-null-no-default", 1, 1, "ACCESS EXCLUSIVE") in rules
    assert data["counts"]["error"] == 1
    lines = run(tmp_path, "--format", "github", "m.sql").stdout.splitlines()
    assert lines[0].startswith("::error file=m.sql,line=1,col=1,title=add-column-not-null-no-default::")
    assert any(
        line.startswith("::warning file=m.sql,line=3,col=1,title=index-not-concurrent::") for line in lines
    )


def test_config_severity_and_ignore_comment(tmp_path: Path) -> None:
    (tmp_path / "m.sql").write_text(
        "-- pgshift:ignore index-not-concurrent\n" + DANGEROUS.split("--> ")[1].split("\n", 1)[1]
    )
    (tmp_path / "n.sql").write_text(DANGEROUS)
    (tmp_path / "pgshift.toml").write_text(
        '[lint]\n"add-column-not-null-no-default" = "off"\n"made-up-rule" = "info"\n'
    )
    proc = run(tmp_path, "--format", "json", "m.sql", "n.sql")
    assert proc.returncode == 0
    found = [(f["path"], f["rule"]) for f in json.loads(proc.stdout)["findings"]]
    assert ("m.sql", "index-not-concurrent") not in found
    assert ("n.sql", "index-not-concurrent") in found
    assert not any(rule == "add-column-not-null-no-default" for _, rule in found)
    assert "made-up-rule" in proc.stderr


def test_no_paths_checks_the_config_folder(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).parent / "folders" / "collision" / "drizzle", tmp_path / "migrations")
    (tmp_path / "pgshift.toml").write_text('out = "migrations"\n')
    proc = run(tmp_path)
    assert proc.returncode == 1
    assert "folder-collision" in proc.stdout and "pgshift rebase" in proc.stdout
    assert "0:0" not in proc.stdout  # file-level findings carry no position


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(tmp_path, "missing.sql").returncode == 2
    assert run(tmp_path, "--format", "xml").returncode == 2


def test_data_aware_small_table_downgrades(tmp_path: Path, db_url: str, db: psycopg.Connection) -> None:
    db.execute('CREATE TABLE "users" ("id" bigint PRIMARY KEY, "name" text, "email" text)')
    db.execute(
        "INSERT INTO users SELECT g, 'n' || g, CASE WHEN g % 2 = 0 THEN 'e' END FROM generate_series(1, 10) g"
    )
    (tmp_path / "m.sql").write_text(DANGEROUS)
    (tmp_path / "s.sql").write_text('ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;\n')
    proc = run(tmp_path, "--db", "--url", db_url, "--format", "json", "m.sql", "s.sql")
    found = {f["rule"]: f for f in json.loads(proc.stdout)["findings"]}
    assert found["index-not-concurrent"]["severity"] == "info"
    assert "public.users has 10 rows" in found["index-not-concurrent"]["message"]
    assert found["add-column-not-null-no-default"]["severity"] == "error"  # rows exist: it fails
    assert found["set-not-null"]["severity"] == "error"
    assert "5 NULLs in email" in found["set-not-null"]["message"]
    db.execute("TRUNCATE users")
    found = {f.rule: f for f in _check(tmp_path / "m.sql", db)}
    assert found["add-column-not-null-no-default"].severity == "info"  # an empty table accepts it


def _check(path: Path, conn: psycopg.Connection) -> list:
    return check_paths([path], conn=conn)


def test_data_aware_large_table_escalates(tmp_path: Path, db: psycopg.Connection) -> None:
    db.execute('CREATE TABLE "users" ("id" bigint, "name" text)')
    db.execute("INSERT INTO users SELECT g, NULL FROM generate_series(1, 1000000) g")
    db.execute("ANALYZE users")
    (tmp_path / "m.sql").write_text(
        DANGEROUS + '--> statement-breakpoint\nALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;\n'
    )
    found = {f.rule: f for f in _check(tmp_path / "m.sql", db)}
    assert found["index-not-concurrent"].severity == "error"
    assert "~1,000,000 rows" in found["index-not-concurrent"].message
    assert "1,000,000 NULLs in name" in found["set-not-null"].message  # from pg_stats, no scan
    assert found["index-not-concurrent"].table == "public.users"


def test_data_aware_unknown_table_keeps_rating(tmp_path: Path, db: psycopg.Connection) -> None:
    (tmp_path / "m.sql").write_text('CREATE INDEX "i" ON "nowhere" ("x");\n')
    [finding] = [f for f in _check(tmp_path / "m.sql", db) if f.rule == "index-not-concurrent"]
    assert finding.severity == "warning" and "rows" not in finding.message


def test_list_rules_shows_configured_severity(tmp_path: Path) -> None:
    from pgshift.lint import RULES

    (tmp_path / "pgshift.toml").write_text('[lint]\n"prefer-jsonb" = "error"\n')
    proc = run(tmp_path, "--list-rules")
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split()[1] for line in proc.stdout.splitlines()}
    assert set(rows) == set(RULES)
    assert rows["prefer-jsonb"] == "error" and rows["drop-table"] == "error" and rows["prefer-text"] == "info"


def test_data_aware_drop_index_finds_its_table(tmp_path: Path, db: psycopg.Connection) -> None:
    db.execute('CREATE TABLE "small" ("id" bigint)')
    db.execute('CREATE INDEX "small_id_idx" ON "small" ("id")')
    (tmp_path / "m.sql").write_text(
        'DROP INDEX "small_id_idx";\n--> statement-breakpoint\nDROP INDEX "gone_idx";\n'
    )
    found = [f for f in _check(tmp_path / "m.sql", db) if f.rule == "drop-index-not-concurrent"]
    assert [(f.index, f.table, f.severity) for f in found] == [
        ("public.small_id_idx", "public.small", "info"),
        ("public.gone_idx", None, "warning"),
    ]
    assert "public.small has 0 rows" in found[0].message


def test_a_large_report_is_written_whole_before_the_process_ends(tmp_path: Path) -> None:
    """The CLI process ends itself after the report (no interpreter teardown): a report far larger than a
    pipe's buffer, from forked linters, must still arrive complete, with the exit code, for every format."""
    import os

    from pgshift.lint.output import format_github, json_bytes

    for n in range(120):  # more than PARALLEL_FROM: the forked path
        (tmp_path / f"{n:03d}.sql").write_text(DANGEROUS * 20)
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        expected = check_paths([Path(".")], config_severity={})
    finally:
        os.chdir(cwd)
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "check", "--format", "json", "."],
        cwd=tmp_path, capture_output=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout) > 1_000_000
    assert proc.stdout == json_bytes(expected) + b"\n"
    github = run(tmp_path, "--format", "github", ".")
    assert github.returncode == 1
    assert github.stdout == format_github(expected)
