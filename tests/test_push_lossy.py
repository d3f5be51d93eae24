"""push counts every value a type change would alter (rounding, truncation, lost precision or time),
with examples, and refuses without a terminal; --force accepts."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.test_push_safety import cli

CASES = [
    ("numeric(10,2)", "1234.56", "Numeric(10, 0)", "1234.56 -> 1235"),
    ("timestamp", "'2024-05-06 07:08:09'", "Date", "2024-05-06 07:08:09 -> 2024-05-06"),
    ("double precision", "0.1234567891234", "REAL", "0.1234567891234 -> 0.12345679"),
    ("text", "'a much longer text'", "String(8)", "a much longer text"),
]


@pytest.mark.parametrize(("old", "value", "new", "example"), CASES)
def test_lossy_type_change_is_counted_and_needs_force(
    old: str, value: str, new: str, example: str, tmp_path: Path, db_url: str, db: psycopg.Connection
) -> None:
    db.execute(
        f"CREATE TABLE t (id serial PRIMARY KEY, v {old}); INSERT INTO t VALUES (1, {value}), (2, NULL)"
    )
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\n')
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import *\nmetadata = MetaData()\n"
        f"t = Table('t', metadata, Column('id', Integer, primary_key=True), Column('v', {new}))\n"
    )
    before = db.execute("SELECT v::text FROM t WHERE id = 1").fetchone()
    refused = cli(tmp_path, db_url, "push")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    text = refused.stdout + refused.stderr
    assert "1 value(s) would change" in text or "1 row(s) do not convert" in text, text
    assert example in text or "1 row(s) do not convert" in text, text
    assert db.execute("SELECT v::text FROM t WHERE id = 1").fetchone() == before  # nothing ran
    if "do not convert" in text:
        return  # PostgreSQL 16+: varchar(8) input rejects longer text, so ALTER TYPE would fail anyway
    forced = cli(tmp_path, db_url, "push", "--force")
    if old == "text":  # ALTER TYPE's assignment cast refuses what an explicit cast would cut
        assert forced.returncode == 2 and "push failed at statement 1: value too long" in forced.stderr
        return
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert db.execute("SELECT v::text FROM t WHERE id = 1").fetchone() != before
