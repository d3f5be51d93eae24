"""Small edges of the command line: bare `pgshift`, singular/plural wording."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_api_commands import project


def test_bare_pgshift_shows_help_and_exits_0() -> None:
    proc = subprocess.run([sys.executable, "-m", "pgshift"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: pgshift" in proc.stdout and "Commands:" in proc.stdout


def test_one_already_applied_is_singular(tmp_path: Path, db_url: str) -> None:
    import pgshift

    config = project(tmp_path)
    pgshift.generate(config, name="one")
    pgshift.migrate(db_url, config=config)
    two = pgshift.generate(config, name="two", custom=True)
    # An empty custom migration is refused ("write its SQL or delete it"): give it its SQL.
    sql_file = next(p for p in two.files if p.name.endswith(".sql") and not p.name.endswith(".down.sql"))
    sql_file.write_text(sql_file.read_text() + "SELECT 1;\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pgshift", "migrate", "--url", db_url],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "applied 1 migration(s)" in proc.stderr and "; 1 was already applied" in proc.stderr


def test_generate_refuses_names_over_63_bytes(tmp_path: Path) -> None:
    import pytest

    import pgshift

    long_name = "t" * 60 + "_long"  # 65 bytes
    config = project(tmp_path)
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, Table\nmetadata = MetaData()\n"
        f"t = Table({long_name!r}, metadata, Column('id', Integer, primary_key=True))\n"
    )
    with pytest.raises(pgshift.PgshiftError, match="longer than 63 bytes") as info:
        pgshift.generate(config, name="x")
    assert f"table {long_name!r} (65 bytes) would become {long_name[:63]!r}" in str(info.value)
    assert not (tmp_path / "drizzle").exists()


def test_conflicted_journal_says_keep_both_and_rebase(tmp_path: Path) -> None:
    import pytest

    import pgshift

    config = project(tmp_path)
    pgshift.generate(config, name="one")
    journal = tmp_path / "drizzle" / "meta" / "_journal.json"
    text = journal.read_text()
    journal.write_text(
        text.replace('"entries": [', '"entries": [\n<<<<<<< HEAD\n=======\n>>>>>>> other\n', 1)
    )
    with pytest.raises(pgshift.FolderError, match="merge conflict") as info:
        pgshift.generate(config, name="two")
    assert "keep both" in str(info.value) and "pgshift rebase" in str(info.value)
    assert "git checkout" not in str(info.value)
