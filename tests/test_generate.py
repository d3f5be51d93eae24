"""`pgshift generate` and `pgshift export` in a temporary project, through the real CLI (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pgshift.folder.files import BREAKPOINT, read_journal
from tests.test_cases import apply_sql, schema_dump

MODELS = """
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(255), nullable=False),
    {extra_users}
)
posts = Table(
    "posts", metadata,
    Column("id", Integer, primary_key=True),
    Column("author_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("{body}", Text),
)
"""


def write_models(project: Path, *, extra_users: str = "", body: str = "body") -> None:
    (project / "models.py").write_text(MODELS.format(extra_users=extra_users, body=body))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [project]
            name = "demo"
            version = "0"

            [tool.pgshift]
            schema = "models.py:metadata"
            out = "drizzle"
            """
        )
    )
    write_models(tmp_path)
    return tmp_path


def pgshift(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def ok(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = pgshift(cwd, *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def files(project: Path) -> list[str]:
    out = project / "drizzle"
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def test_first_generate_writes_migration_down_snapshot_and_journal(project: Path, db_url: str):
    proc = ok(project, "generate", "--name", "Init Schema!")
    assert files(project) == [
        "0000_init_schema.down.sql",
        "0000_init_schema.sql",
        "meta/0000_snapshot.json",
        "meta/_journal.json",
    ]
    assert "0000_init_schema.sql" in proc.stdout and "create table public.users" in proc.stdout
    up = (project / "drizzle" / "0000_init_schema.sql").read_text()
    assert up.startswith('CREATE TABLE "public"."posts" (\n')
    assert f"{BREAKPOINT}\n" in up
    journal = json.loads((project / "drizzle" / "meta" / "_journal.json").read_text())
    assert journal["version"] == "7" and journal["dialect"] == "postgresql"
    (entry,) = journal["entries"]
    assert entry["idx"] == 0 and entry["tag"] == "0000_init_schema" and entry["breakpoints"] is True
    assert entry["version"] == "7" and isinstance(entry["when"], int) and entry["when"] > 1_700_000_000_000
    snapshot = json.loads((project / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    assert snapshot["prevId"] == "00000000-0000-0000-0000-000000000000"
    assert "public.users" in snapshot["tables"]
    # The migration applies, and the down file undoes it.
    apply_sql(db_url, up)
    assert any("CREATE TABLE public.posts" in line for line in schema_dump(db_url))
    apply_sql(db_url, (project / "drizzle" / "0000_init_schema.down.sql").read_text())
    assert not any("CREATE TABLE" in line for line in schema_dump(db_url))


def test_second_generate_writes_only_the_change_and_chains_snapshots(project: Path):
    ok(project, "generate", "--name", "init")
    write_models(project, extra_users='Column("nickname", Text),')
    proc = ok(project, "generate", "--name", "nickname")
    assert "add column users.nickname" in proc.stdout
    assert "pgshift check" in proc.stdout  # the linter's view of the new file is part of the output
    up = (project / "drizzle" / "0001_nickname.sql").read_text()
    assert up == 'ALTER TABLE "public"."users" ADD COLUMN "nickname" text;'
    down = (project / "drizzle" / "0001_nickname.down.sql").read_text()
    assert down == 'ALTER TABLE "public"."users" DROP COLUMN "nickname";'
    first = json.loads((project / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    second = json.loads((project / "drizzle" / "meta" / "0001_snapshot.json").read_text())
    assert second["prevId"] == first["id"] != second["id"]
    assert [e.idx for e in read_journal(project / "drizzle").entries] == [0, 1]


def test_no_changes_writes_nothing(project: Path):
    ok(project, "generate", "--name", "init")
    before = {p: p.read_bytes() for p in (project / "drizzle").rglob("*") if p.is_file()}
    proc = ok(project, "generate")
    assert "No schema changes, nothing to migrate" in proc.stdout
    after = {p: p.read_bytes() for p in (project / "drizzle").rglob("*") if p.is_file()}
    assert before == after


def test_custom_migration_keeps_the_snapshot(project: Path):
    ok(project, "generate", "--name", "init")
    ok(project, "generate", "--custom", "--name", "backfill")
    up = (project / "drizzle" / "0001_backfill.sql").read_text()
    assert up == "-- Custom SQL migration file, put your code below! --\n"
    assert (project / "drizzle" / "0001_backfill.down.sql").read_text().startswith("-- pgshift:irreversible")
    first = json.loads((project / "drizzle" / "meta" / "0000_snapshot.json").read_text())
    second = json.loads((project / "drizzle" / "meta" / "0001_snapshot.json").read_text())
    assert second["prevId"] == first["id"]
    assert second["tables"] == first["tables"]
    assert "No schema changes" in ok(project, "generate").stdout


def test_prefix_timestamp_and_random_name(project: Path):
    ok(project, "generate", "--prefix", "timestamp")
    (entry,) = read_journal(project / "drizzle").entries
    prefix, _, name = entry.tag.partition("_")
    assert len(prefix) == 14 and prefix.isdigit() and prefix.startswith("20")
    assert name.count("_") == 1 and name.replace("_", "").isalpha()
    assert (project / "drizzle" / "meta" / f"{prefix}_snapshot.json").exists()


def test_index_on_existing_table_is_concurrent_and_announced(project: Path):
    ok(project, "generate", "--name", "init")
    (project / "models.py").write_text(
        MODELS.format(extra_users="", body="body")
        + '\nfrom sqlalchemy import Index\nIndex("users_email_idx", users.c.email)\n'
    )
    proc = ok(project, "generate", "--name", "email_idx")
    up = (project / "drizzle" / "0001_email_idx.sql").read_text()
    assert up.startswith("CREATE INDEX CONCURRENTLY")  # no header: the runner groups statements itself
    assert "pgshift:transaction" not in up
    assert "outside a transaction" in proc.stdout


def test_unsettled_rename_fails_without_a_tty_listing_the_flags(project: Path):
    ok(project, "generate", "--name", "init")
    write_models(project, body="content")
    before = files(project)
    proc = pgshift(project, "generate", "--name", "rename")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "--rename column:posts.body=content" in proc.stderr
    assert "--create column:posts.content" in proc.stderr
    assert files(project) == before


def test_rename_flag_renames(project: Path):
    ok(project, "generate", "--name", "init")
    write_models(project, body="content")
    ok(project, "generate", "--name", "rename", "--rename", "column:posts.body=content")
    up = (project / "drizzle" / "0001_rename.sql").read_text()
    assert up == 'ALTER TABLE "public"."posts" RENAME COLUMN "body" TO "content";'
    snapshot = json.loads((project / "drizzle" / "meta" / "0001_snapshot.json").read_text())
    assert snapshot["_meta"]["columns"] == {'"public"."posts"."body"': '"public"."posts"."content"'}


def test_create_flag_drops_and_adds(project: Path):
    ok(project, "generate", "--name", "init")
    write_models(project, body="content")
    ok(project, "generate", "--name", "recreate", "--create", "column:posts.content")
    up = (project / "drizzle" / "0001_recreate.sql").read_text()
    assert 'ADD COLUMN "content" text' in up and 'DROP COLUMN "body"' in up


def test_rename_flag_naming_no_candidate_is_an_error(project: Path):
    ok(project, "generate", "--name", "init")
    write_models(project, body="content")
    proc = pgshift(project, "generate", "--rename", "column:posts.bodyy=content")
    assert proc.returncode == 2
    assert "names no rename candidate" in proc.stderr


def test_corrupt_journal_is_exit_2_naming_the_file(project: Path):
    ok(project, "generate", "--name", "init")
    journal = project / "drizzle" / "meta" / "_journal.json"
    journal.write_text("{ not json")
    proc = pgshift(project, "generate")
    assert proc.returncode == 2
    assert "_journal.json" in proc.stderr
    assert sorted(p.name for p in (project / "drizzle").glob("*.sql")) == [
        "0000_init.down.sql",
        "0000_init.sql",
    ]


def test_newer_journal_version_is_refused(project: Path):
    ok(project, "generate", "--name", "init")
    journal = project / "drizzle" / "meta" / "_journal.json"
    data = json.loads(journal.read_text())
    data["version"] = "8"
    journal.write_text(json.dumps(data))
    proc = pgshift(project, "generate")
    assert proc.returncode == 2 and "version" in proc.stderr


def test_corrupt_snapshot_is_exit_2_naming_the_file(project: Path):
    ok(project, "generate", "--name", "init")
    (project / "drizzle" / "meta" / "0000_snapshot.json").write_text('{"id": 1}')
    proc = pgshift(project, "generate")
    assert proc.returncode == 2
    assert "0000_snapshot.json" in proc.stderr


def test_newer_snapshot_version_is_refused(project: Path):
    ok(project, "generate", "--name", "init")
    path = project / "drizzle" / "meta" / "0000_snapshot.json"
    data = json.loads(path.read_text())
    data["version"] = "8"
    path.write_text(json.dumps(data))
    write_models(project, extra_users='Column("nickname", Text),')
    proc = pgshift(project, "generate", "--name", "next")
    assert proc.returncode == 2 and "0000_snapshot.json" in proc.stderr
    assert not (project / "drizzle" / "0001_next.sql").exists()


def test_stray_file_with_the_same_name_is_not_overwritten(project: Path):
    ok(project, "generate", "--name", "init")
    stray = project / "drizzle" / "0001_next.sql"
    stray.write_text("-- someone's work\n")
    write_models(project, extra_users='Column("nickname", Text),')
    proc = pgshift(project, "generate", "--name", "next")
    assert proc.returncode == 2 and "0001_next.sql already exists" in proc.stderr
    assert stray.read_text() == "-- someone's work\n"
    assert not (project / "drizzle" / "0001_next.down.sql").exists()
    assert [e.tag for e in read_journal(project / "drizzle").entries] == ["0000_init"]


def test_missing_schema_setting_says_how_to_set_it(tmp_path: Path):
    (tmp_path / "pgshift.toml").write_text('out = "drizzle"\n')
    proc = pgshift(tmp_path, "generate")
    assert proc.returncode == 2
    assert "schema" in proc.stderr and "--schema" in proc.stderr
    assert not (tmp_path / "drizzle").exists()


def test_schema_import_error_writes_nothing(project: Path):
    (project / "models.py").write_text("import not_a_module_anywhere\n")
    proc = pgshift(project, "generate")
    assert proc.returncode == 2
    assert "not_a_module_anywhere" in proc.stderr
    assert not (project / "drizzle").exists()


def test_export_prints_the_whole_schema(project: Path, db_url: str):
    ok(project, "generate", "--name", "init")
    exported = ok(project, "export").stdout
    assert exported.rstrip("\n") == (project / "drizzle" / "0000_init.sql").read_text()
    apply_sql(db_url, exported)
    assert any("CREATE TABLE public.users" in line for line in schema_dump(db_url))


# --- pure parts (no schema loading) ----------------------------------------------------------------


def test_tags_per_prefix_mode():
    from datetime import UTC, datetime

    from pgshift.api.generate import make_tag

    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert make_tag(7, "index", "add_users", when) == "0007_add_users"
    assert make_tag(7, "timestamp", "add_users", when) == "20260304050607_add_users"
    assert make_tag(7, "unix", "add_users", when) == f"{int(when.timestamp())}_add_users"
    assert make_tag(7, "none", "add_users", when) == "_add_users"  # as drizzle-kit writes it


def test_names():
    import random

    from pgshift.folder.names import random_name, sanitize_name

    assert sanitize_name("Add users' E-mail!") == "add_users_e_mail"
    assert sanitize_name("  ") == ""
    first = random_name(random.Random(1))
    assert first == random_name(random.Random(1)) and first.count("_") == 1


def _bio_models():  # type: ignore[no-untyped-def]
    from pgshift.model.schema import Column, Table, build_model
    from pgshift.model.types import SqlType

    def table(column: str) -> Table:
        return Table(
            "public", "posts", columns=(Column("id", SqlType("integer")), Column(column, SqlType("text")))
        )

    return build_model(tables=[table("bio")]), build_model(tables=[table("biography")])


def test_settle_renames_without_resolver_lists_each_candidate():
    from pgshift.api.generate import settle_renames
    from pgshift.diff.renames import RenameDecisions, RenameError

    old, new = _bio_models()
    with pytest.raises(RenameError) as info:
        settle_renames(old, new, RenameDecisions(), None)
    text = str(info.value)
    assert "--rename column:posts.bio=biography" in text and "--create column:posts.biography" in text
    assert info.value.exit_code == 2


@pytest.mark.parametrize(("answer", "expected"), [("2\n", "RenameColumn"), ("1\n", "AddColumn")])
def test_interactive_prompt(answer: str, expected: str):
    from click.testing import CliRunner

    from pgshift.api.generate import settle_renames
    from pgshift.commands.generate import prompt_resolver
    from pgshift.diff.differ import diff
    from pgshift.diff.renames import RenameDecisions

    old, new = _bio_models()
    runner = CliRunner()
    with runner.isolation(input=answer) as (_out, err, *_):
        decisions = settle_renames(old, new, RenameDecisions(), prompt_resolver)
        shown = err.getvalue().decode()
    assert "Is biography column in public.posts created or renamed from another column?" in shown
    assert "~ bio › biography rename column" in shown  # noqa: RUF001
    assert type(diff(old, new, renames=decisions)[0]).__name__ == expected


def test_index_key_text_keeps_direction_and_bad_sql_writes_nothing(project: Path):
    """Issue 11, defect 4: text("v DESC") is an index key with its direction (not ``v AS "desc"``), and
    SQL the parser rejects stops generate with exit 2 naming the index, with nothing written."""
    write_models(project, extra_users='Index("users_email_desc", text("email DESC")),')
    models = project / "models.py"
    models.write_text("from sqlalchemy import Index, text\n" + models.read_text())
    ok(project, "generate", "--name", "init")
    sql = (project / "drizzle" / "0000_init.sql").read_text()
    assert 'CREATE INDEX "users_email_desc" ON "public"."users" USING btree ("email" DESC);' in sql
    assert "No schema changes" in ok(project, "generate").stdout  # the snapshot reads back the same key
    before = files(project)

    models.write_text(models.read_text().replace("email DESC", "email DESC DESC"))
    proc = pgshift(project, "generate", "--name", "bad")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "users_email_desc" in proc.stderr and "cannot parse" in proc.stderr
    assert "email DESC DESC" in proc.stderr
    assert files(project) == before  # no .sql, .down.sql, snapshot or journal entry
