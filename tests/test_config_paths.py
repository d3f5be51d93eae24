"""The path rule of ``pgshift.config`` (``resolve_path``), command by command: with ``--config
sub/pgshift.toml`` run from another folder, every command reads and writes what the same command run
inside ``sub/`` would (the config's relative paths and the defaults resolve against the config file's
folder), while paths typed on the command line resolve against the current directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

from pgshift.config import load_config, resolve_path

MODELS = """
from sqlalchemy import Column, Integer, MetaData, Table, Text

metadata = MetaData()
Table("note", metadata, Column("id", Integer, primary_key=True), Column("body", Text, comment="the text"))
"""

FUNCTION = (
    "CREATE FUNCTION public.twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * x $$;\n"
)


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=180,
    )
    return proc


def project(tmp_path: Path, url: str) -> tuple[Path, Path]:
    """``tmp/proj`` (where commands run) and ``tmp/proj/sub`` (the config, models, .sql file)."""
    proj = tmp_path / "proj"
    sub = proj / "sub"
    (sub / "sql").mkdir(parents=True)
    (sub / "models.py").write_text(MODELS)
    (sub / "sql" / "twice.sql").write_text(FUNCTION)
    (sub / "pgshift.toml").write_text(
        f'schema = "models.py:metadata"\nout = "drizzle"\nurl = "{url}"\ndev_url = "{url}"\n'
        'sql = ["sql/twice.sql"]\n'
    )
    return proj, sub


def test_every_command_resolves_config_paths_against_the_config_folder(
    tmp_path: Path, db_url: str, db: psycopg.Connection
) -> None:
    proj, sub = project(tmp_path, db_url)
    config = ("--config", "sub/pgshift.toml")

    generated = cli(proj, "generate", "--name", "init", *config)
    assert generated.returncode == 0, generated.stderr
    assert (sub / "drizzle" / "0000_init.sql").is_file()
    assert not (proj / "drizzle").exists()
    up = (sub / "drizzle" / "0000_init.sql").read_text()
    assert '"note"' in up and "twice" in up  # the schema file and the sql file, both from sub/

    checked = cli(proj, "check", *config)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "sub/drizzle/0000_init.sql" in checked.stdout

    migrated = cli(proj, "migrate", *config)
    assert migrated.returncode == 0, migrated.stderr
    assert db.execute("SELECT public.twice(21)").fetchone() == (42,)

    status = cli(proj, "status", *config)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "up to date: 1 applied" in status.stdout

    pushed = cli(proj, "push", *config)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert "No changes" in pushed.stdout

    pulled = cli(proj, "pull", *config)
    assert pulled.returncode == 0, pulled.stderr
    assert (sub / "schema.py").is_file()  # the default output is a default: next to the config
    assert not (proj / "schema.py").exists()
    assert "twice" in (sub / "schema.py").read_text()

    regenerated = cli(proj, "generate", *config)
    assert regenerated.returncode == 0, regenerated.stderr
    assert "No schema changes" in regenerated.stdout


def test_command_line_paths_resolve_against_the_current_directory(tmp_path: Path, db_url: str) -> None:
    proj, sub = project(tmp_path, db_url)
    (proj / "here.py").write_text(MODELS.replace('"note"', '"here"'))
    config = ("--config", "sub/pgshift.toml")

    generated = cli(
        proj, "generate", "--name", "flags", "--schema", "here.py:metadata", "--out", "mig", *config
    )
    assert generated.returncode == 0, generated.stderr
    assert '"here"' in (proj / "mig" / "0000_flags.sql").read_text()
    assert not (sub / "mig").exists() and not (sub / "drizzle").exists()

    module = cli(proj, "generate", "--name", "mod", "--schema", "here:metadata", "--out", "mig2", *config)
    assert module.returncode == 0, module.stderr
    assert '"here"' in (proj / "mig2" / "0000_mod.sql").read_text()

    pulled = cli(proj, "pull", "-o", "pulled.py", *config)
    assert pulled.returncode == 0, pulled.stderr
    assert (proj / "pulled.py").is_file() and not (sub / "pulled.py").exists()


def test_resolve_path_is_the_rule_config_uses(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pgshift.toml").write_text('out = "m"\nschema = "pkg.models:Base"\nsql = ["a.sql"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    from_file = load_config("../sub/pgshift.toml", cwd=elsewhere)
    assert from_file.out_dir == resolve_path("m", tmp_path / "sub") == (tmp_path / "sub" / "m").resolve()
    assert from_file.schema_root == (tmp_path / "sub").resolve()
    assert from_file.path("a.sql") == (tmp_path / "sub" / "a.sql").resolve()
    from_flags = load_config(
        "../sub/pgshift.toml", cwd=elsewhere, overrides={"out": "n", "schema": "x:y", "sql": ["b.sql"]}
    )
    assert from_flags.out_dir == (elsewhere / "n").resolve()
    assert from_flags.schema_root == elsewhere.resolve()
    assert [from_flags.path(name) for name in from_flags.sql] == [(elsewhere / "b.sql").resolve()]
    assert resolve_path("/abs/x", tmp_path) == Path("/abs/x")
